package io.continuity.server.execution;

/** No execution request has this id (answered 404). */
public class ExecutionNotFoundException extends RuntimeException {

  private final String executionId;

  public ExecutionNotFoundException(String executionId) {
    super(
        "execution request '"
            + executionId
            + "' does not exist; list requests with GET /api/v1/executions");
    this.executionId = executionId;
  }

  public String executionId() {
    return executionId;
  }
}
