package io.continuity.server.inventory;

import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import java.util.Objects;

/** An execution that has not ended: its id, where it is in its life and what it is about. */
public record InFlightExecution(String executionId, ExecutionState state, ExecutionScope scope) {

  public InFlightExecution {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(scope, "scope");
  }

  /** True when it runs: a reload may never cancel it. */
  public boolean started() {
    return state == ExecutionState.RUNNING;
  }
}
