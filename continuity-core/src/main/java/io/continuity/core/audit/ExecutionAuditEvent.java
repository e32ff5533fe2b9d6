package io.continuity.core.audit;

import java.util.Optional;

/**
 * Everything that happens to one execution request, from creation through approvals, confirmation
 * and steps to its end, plus refused attempts. Each event repeats its {@link ExecutionSubject}.
 */
public sealed interface ExecutionAuditEvent extends AuditEvent
    permits RequestCreated,
        ApprovalGranted,
        ApprovalDenied,
        AttemptDenied,
        RequestExpired,
        ConfirmationPresented,
        ExecutionStarted,
        StepStarted,
        StepCompleted,
        StepFailed,
        PrecheckResult,
        PostcheckResult,
        BreakGlassInvoked,
        PostIncidentReviewed,
        RequestCancelled,
        ExecutionSucceeded,
        ExecutionFailed {

  ExecutionSubject subject();

  @Override
  default Optional<String> executionId() {
    return Optional.of(subject().executionId());
  }

  @Override
  default Optional<String> resourceId() {
    return subject().resourceId();
  }

  @Override
  default Optional<String> changeTicket() {
    return subject().changeTicket();
  }
}
