package io.continuity.core.approval;

/**
 * The actor may not do this: they lack the role, are not a person, or separation of duties forbids
 * it (requester approving, one person deciding twice, an approver confirming, a break-glass invoker
 * reviewing). The server answers 403 and records the attempt.
 */
public final class SeparationOfDutiesException extends CommandRefusedException {

  public SeparationOfDutiesException(
      String requestId, String action, String actorId, RefusalRule rule, String message) {
    super(requestId, action, actorId, rule, message);
  }
}
