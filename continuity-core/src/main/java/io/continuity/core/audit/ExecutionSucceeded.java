package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;

/** Every step and postcheck passed (RUNNING to SUCCEEDED). */
public record ExecutionSucceeded(ExecutionSubject subject, String actor, Instant at, String reason)
    implements ExecutionAuditEvent {

  public ExecutionSucceeded {
    reason = Events.check(subject, actor, at, reason);
  }

  @Override
  public String type() {
    return "EXECUTION_SUCCEEDED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).build();
  }
}
