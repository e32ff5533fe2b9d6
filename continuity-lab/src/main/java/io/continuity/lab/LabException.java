package io.continuity.lab;

/** A lab topology could not be built or changed; the message says which command failed. */
public class LabException extends RuntimeException {

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
