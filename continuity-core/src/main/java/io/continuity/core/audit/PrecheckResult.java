package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The result of one precheck; {@code reason} says what was found. */
public record PrecheckResult(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    String checkId,
    boolean passed)
    implements ExecutionAuditEvent {

  public PrecheckResult {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(checkId, "checkId");
  }

  @Override
  public String type() {
    return "PRECHECK_RESULT";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("checkId", checkId).put("passed", passed).build();
  }
}
