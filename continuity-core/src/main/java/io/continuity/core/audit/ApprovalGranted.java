package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An approver approved; {@code state} is APPROVED when this approval satisfied the policy. {@code
 * reason} is the approver's comment.
 */
public record ApprovalGranted(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    int approvalsReceived,
    int approvalsRequired,
    String state)
    implements ExecutionAuditEvent {

  public ApprovalGranted {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(state, "state");
  }

  @Override
  public String type() {
    return "APPROVAL_GRANTED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject)
        .put("approvalsReceived", approvalsReceived)
        .put("approvalsRequired", approvalsRequired)
        .put("state", state)
        .build();
  }
}
