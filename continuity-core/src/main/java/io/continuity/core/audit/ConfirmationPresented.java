package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The start confirmation was presented to a person (APPROVED to READY_TO_START); it must be
 * confirmed before {@code startDeadline}.
 */
public record ConfirmationPresented(
    ExecutionSubject subject, String actor, Instant at, String reason, Instant startDeadline)
    implements ExecutionAuditEvent {

  public ConfirmationPresented {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(startDeadline, "startDeadline");
  }

  @Override
  public String type() {
    return "CONFIRMATION_PRESENTED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("startDeadline", startDeadline).build();
  }
}
