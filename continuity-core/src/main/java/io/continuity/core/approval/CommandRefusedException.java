package io.continuity.core.approval;

import java.util.Objects;

/**
 * A command on an execution request was refused and changed nothing. Carries what was attempted, by
 * whom, on which request and which rule refused it, so the caller can answer with a message that
 * says what to fix and record an {@code ATTEMPT_DENIED} audit event.
 */
public abstract class CommandRefusedException extends RuntimeException {

  private final String requestId;
  private final String action;
  private final String actorId;
  private final RefusalRule rule;

  protected CommandRefusedException(
      String requestId, String action, String actorId, RefusalRule rule, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.action = Objects.requireNonNull(action, "action");
    this.actorId = Objects.requireNonNull(actorId, "actorId");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The execution request the command was aimed at. */
  public String requestId() {
    return requestId;
  }

  /** The command, in lower camel case as the aggregate names it ({@code approve}). */
  public String action() {
    return action;
  }

  /** Who attempted it: a user id or {@code system:<component>}. */
  public String actorId() {
    return actorId;
  }

  public RefusalRule rule() {
    return rule;
  }
}
