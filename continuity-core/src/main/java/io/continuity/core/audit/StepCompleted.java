package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A plan step completed; {@code reason} is its sanitized output. */
public record StepCompleted(
    ExecutionSubject subject, String actor, Instant at, String reason, String stepId)
    implements ExecutionAuditEvent {

  public StepCompleted {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(stepId, "stepId");
  }

  @Override
  public String type() {
    return "STEP_COMPLETED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("stepId", stepId).build();
  }
}
