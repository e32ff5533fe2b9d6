package io.continuity.server.execution;

/** An acknowledgement of an execution that did not end in doubt, or was acknowledged already. */
public class NothingToAcknowledgeException extends RuntimeException {

  public NothingToAcknowledgeException(String message) {
    super(message);
  }
}
