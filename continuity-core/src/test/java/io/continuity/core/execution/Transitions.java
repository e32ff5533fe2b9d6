package io.continuity.core.execution;

import static io.continuity.core.execution.ExecutionState.APPROVED;
import static io.continuity.core.execution.ExecutionState.CANCELLED;
import static io.continuity.core.execution.ExecutionState.FAILED;
import static io.continuity.core.execution.ExecutionState.PENDING_APPROVAL;
import static io.continuity.core.execution.ExecutionState.READY_TO_START;
import static io.continuity.core.execution.ExecutionState.REJECTED;
import static io.continuity.core.execution.ExecutionState.RUNNING;
import static io.continuity.core.execution.ExecutionState.SUCCEEDED;

import java.util.Map;
import java.util.Set;

/** The state machine of design §3 plus CANCELLED, written out independently of the aggregate. */
final class Transitions {

  private static final Map<ExecutionState, Set<ExecutionState>> EDGES =
      Map.of(
          PENDING_APPROVAL, Set.of(APPROVED, REJECTED, CANCELLED),
          APPROVED, Set.of(READY_TO_START, CANCELLED),
          READY_TO_START, Set.of(RUNNING, CANCELLED),
          RUNNING, Set.of(SUCCEEDED, FAILED));

  private Transitions() {}

  static boolean allowed(ExecutionState from, ExecutionState to) {
    return EDGES.getOrDefault(from, Set.of()).contains(to);
  }
}
