package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A plan step failed; {@code reason} is the error, sanitized. */
public record StepFailed(
    ExecutionSubject subject, String actor, Instant at, String reason, String stepId)
    implements ExecutionAuditEvent {

  public StepFailed {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(stepId, "stepId");
  }

  @Override
  public String type() {
    return "STEP_FAILED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("stepId", stepId).build();
  }
}
