package io.continuity.server.execution;

/**
 * This runner no longer holds the lease of the execution (another instance took it over with a
 * newer fencing token): it must stop and write nothing more.
 */
public class LeaseLostException extends RuntimeException {

  public LeaseLostException(String executionId, String owner, long token) {
    super(
        "runner "
            + owner
            + " lost the lease of execution "
            + executionId
            + " (fencing token "
            + token
            + " is no longer current): another instance runs it now");
  }
}
