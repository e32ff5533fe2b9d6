package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The engine started a plan step. */
public record StepStarted(
    ExecutionSubject subject, String actor, Instant at, String reason, String stepId)
    implements ExecutionAuditEvent {

  public StepStarted {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(stepId, "stepId");
  }

  @Override
  public String type() {
    return "STEP_STARTED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("stepId", stepId).build();
  }
}
