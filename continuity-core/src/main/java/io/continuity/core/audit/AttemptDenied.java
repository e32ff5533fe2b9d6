package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A command was refused (a role or separation-of-duties violation, a missing ticket, a wrong state)
 * and changed nothing. {@code reason} is the refusal message; {@code rule} its stable code.
 */
public record AttemptDenied(
    ExecutionSubject subject, String actor, Instant at, String reason, String action, String rule)
    implements ExecutionAuditEvent {

  public AttemptDenied {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rule, "rule");
  }

  @Override
  public String type() {
    return "ATTEMPT_DENIED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("action", action).put("rule", rule).build();
  }
}
