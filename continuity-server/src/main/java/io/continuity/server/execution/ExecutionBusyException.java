package io.continuity.server.execution;

/**
 * The request kept changing under a command: every attempt lost the optimistic race to another save
 * (answered 409; trying again is safe).
 */
public class ExecutionBusyException extends RuntimeException {

  public ExecutionBusyException(String executionId, int attempts) {
    super(
        "execution request "
            + executionId
            + " was changed by others during "
            + attempts
            + " attempts; reload it and try again");
  }
}
