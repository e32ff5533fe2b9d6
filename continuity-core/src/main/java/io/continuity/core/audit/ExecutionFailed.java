package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run stopped on a failed step, check or timeout (RUNNING to FAILED); {@code reason} says why.
 * It is never retried: a retry is a new request.
 */
public record ExecutionFailed(
    ExecutionSubject subject, String actor, Instant at, String reason, Optional<String> stepId)
    implements ExecutionAuditEvent {

  public ExecutionFailed {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(stepId, "stepId");
  }

  @Override
  public String type() {
    return "EXECUTION_FAILED";
  }

  @Override
  public Map<String, String> details() {
    Events.Builder builder = Events.details(subject);
    stepId.ifPresent(id -> builder.put("stepId", id));
    return builder.build();
  }
}
