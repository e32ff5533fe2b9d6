package io.continuity.core.approval;

/**
 * The command is missing something policy asks for (a reason, a change ticket, a break-glass
 * justification) or came too late (approval or start window closed) or the run cannot succeed
 * (failed checks). The server answers 422 with the message, which says what to supply.
 */
public final class PolicyViolationException extends CommandRefusedException {

  public PolicyViolationException(
      String requestId, String action, String actorId, RefusalRule rule, String message) {
    super(requestId, action, actorId, rule, message);
  }
}
