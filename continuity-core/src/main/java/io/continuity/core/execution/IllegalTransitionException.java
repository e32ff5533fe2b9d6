package io.continuity.core.execution;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.RefusalRule;

/**
 * The command is not accepted in the request's current state (or, for a step, out of order; for
 * expiry, before the window closed). The message names the state and what is accepted instead; the
 * server answers 409 Conflict.
 */
public final class IllegalTransitionException extends CommandRefusedException {

  public IllegalTransitionException(
      String requestId, String action, String actorId, String message) {
    super(requestId, action, actorId, RefusalRule.ILLEGAL_TRANSITION, message);
  }
}
