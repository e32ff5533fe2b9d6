package io.continuity.server.execution;

/** A recovery plan that cannot be requested now: none is needed, or one is already in flight. */
public class RecoveryRefusedException extends RuntimeException {

  public RecoveryRefusedException(String message) {
    super(message);
  }
}
