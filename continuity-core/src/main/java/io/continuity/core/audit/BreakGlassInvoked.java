package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A BREAK_GLASS person skipped the remaining approvals (to APPROVED); {@code reason} is the
 * justification. The start still needs a confirmation, and the use needs a post-incident review.
 */
public record BreakGlassInvoked(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    String incidentRef,
    int approvalsReceived,
    int approvalsRequired)
    implements ExecutionAuditEvent {

  public BreakGlassInvoked {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(incidentRef, "incidentRef");
  }

  @Override
  public String type() {
    return "BREAK_GLASS_INVOKED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject)
        .put("incidentRef", incidentRef)
        .put("approvalsReceived", approvalsReceived)
        .put("approvalsRequired", approvalsRequired)
        .build();
  }
}
