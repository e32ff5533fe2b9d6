package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** An uninvolved reviewer reviewed a break-glass use; {@code reason} holds the findings. */
public record PostIncidentReviewed(
    ExecutionSubject subject, String actor, Instant at, String reason, String breakGlassInvoker)
    implements ExecutionAuditEvent {

  public PostIncidentReviewed {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(breakGlassInvoker, "breakGlassInvoker");
  }

  @Override
  public String type() {
    return "POST_INCIDENT_REVIEWED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("breakGlassInvoker", breakGlassInvoker).build();
  }
}
