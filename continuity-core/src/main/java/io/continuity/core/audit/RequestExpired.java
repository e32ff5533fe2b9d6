package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The request outlived its window: PENDING_APPROVAL becomes REJECTED, APPROVED or READY_TO_START
 * becomes CANCELLED.
 */
public record RequestExpired(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    String fromState,
    String toState,
    Instant deadline)
    implements ExecutionAuditEvent {

  public RequestExpired {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(toState, "toState");
    Objects.requireNonNull(deadline, "deadline");
  }

  @Override
  public String type() {
    return "REQUEST_EXPIRED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject)
        .put("fromState", fromState)
        .put("toState", toState)
        .put("deadline", deadline)
        .build();
  }
}
