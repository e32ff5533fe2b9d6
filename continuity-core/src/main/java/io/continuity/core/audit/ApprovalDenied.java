package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;

/**
 * An approver rejected the request, which ends it (REJECTED). {@code reason} is the approver's
 * comment.
 */
public record ApprovalDenied(ExecutionSubject subject, String actor, Instant at, String reason)
    implements ExecutionAuditEvent {

  public ApprovalDenied {
    reason = Events.check(subject, actor, at, reason);
  }

  @Override
  public String type() {
    return "APPROVAL_DENIED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("decision", "REJECTED").build();
  }
}
