package io.continuity.server.inventory;

import io.continuity.core.identity.Actor;
import java.util.List;

/**
 * What a reload asks the execution side before it changes anything: which executions have not
 * reached a final state, and cancelling the ones that have not started. Owned by {@code inventory}
 * and implemented in {@code execution}, which already depends on {@code inventory}: no cycle.
 */
public interface ExecutionsInFlight {

  /** For a server (or a test) without executions. */
  ExecutionsInFlight NONE =
      new ExecutionsInFlight() {
        @Override
        public List<InFlightExecution> list() {
          return List.of();
        }

        @Override
        public void cancel(String executionId, Actor actor, String reason) {
          throw new IllegalStateException("no execution " + executionId + " to cancel");
        }
      };

  /** Every execution from PENDING_APPROVAL through RUNNING. */
  List<InFlightExecution> list();

  /**
   * Cancels a request that has not started (PENDING_APPROVAL, APPROVED or READY_TO_START) in the
   * caller's transaction, audited as a cancellation by {@code actor} with {@code reason}.
   *
   * @throws RuntimeException when the request may not be cancelled (it started meanwhile)
   */
  void cancel(String executionId, Actor actor, String reason);
}
