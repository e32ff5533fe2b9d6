package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;

/** A person confirmed the start (READY_TO_START to RUNNING); {@code actor} is the confirmer. */
public record ExecutionStarted(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    boolean breakGlass,
    int approvalsReceived,
    int approvalsRequired)
    implements ExecutionAuditEvent {

  public ExecutionStarted {
    reason = Events.check(subject, actor, at, reason);
  }

  @Override
  public String type() {
    return "EXECUTION_STARTED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject)
        .put("breakGlass", breakGlass)
        .put("approvalsReceived", approvalsReceived)
        .put("approvalsRequired", approvalsRequired)
        .build();
  }
}
