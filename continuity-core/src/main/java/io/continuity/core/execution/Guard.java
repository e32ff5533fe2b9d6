package io.continuity.core.execution;

import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.identity.Actor;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The checks of one command (its request, name and actor): state, text and deadline checks that
 * throw and change nothing. Messages start "cannot &lt;action&gt;" and say what to do instead.
 */
final class Guard {

  private final String requestId;
  private final ExecutionState state;
  private final String action;
  private final Actor actor;

  Guard(String requestId, ExecutionState state, String action, Actor actor) {
    this.requestId = requestId;
    this.state = state;
    this.action = action;
    this.actor = actor;
  }

  static Guard of(ExecutionRequestSnapshot request, String action, Actor actor) {
    return new Guard(request.id(), request.state(), action, actor);
  }

  /**
   * The request must be in one of these states.
   *
   * @param acceptedWhen completes "cannot approve: request X is RUNNING, ..." with what is accepted
   *     instead, for example "approvals are accepted only while PENDING_APPROVAL"
   */
  Guard state(String acceptedWhen, ExecutionState... allowed) {
    if (!Arrays.asList(allowed).contains(state)) {
      throw illegal("is " + state + ", " + acceptedWhen);
    }
    return this;
  }

  /** The condition must hold, else the command is illegal now: "request X {message}". */
  Guard that(boolean condition, String message) {
    if (!condition) {
      throw illegal(message);
    }
    return this;
  }

  /** The text must be present and not blank; returns it stripped. */
  String text(String text, RefusalRule rule, String what) {
    if (text == null || text.isBlank()) {
      throw policy(rule, "request " + requestId + " needs " + what);
    }
    return text.strip();
  }

  /** {@code now} must be before the deadline of this window, when there is one. */
  Guard before(Optional<Instant> deadline, Instant now, RefusalRule rule, String window) {
    if (deadline.isPresent() && !now.isBefore(deadline.get())) {
      throw policy(
          rule,
          "the "
              + window
              + " of request "
              + requestId
              + " closed at "
              + deadline.get()
              + "; it can only expire now, so create a new request");
    }
    return this;
  }

  IllegalTransitionException illegal(String message) {
    return new IllegalTransitionException(
        requestId,
        action,
        actor.id(),
        "cannot " + action + ": request " + requestId + " " + message);
  }

  PolicyViolationException policy(RefusalRule rule, String message) {
    return new PolicyViolationException(
        requestId, action, actor.id(), rule, "cannot " + action + ": " + message);
  }
}
