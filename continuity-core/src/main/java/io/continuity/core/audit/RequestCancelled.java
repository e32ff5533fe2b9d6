package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The requester or an ADMIN withdrew the request before it ran; {@code reason} says why. */
public record RequestCancelled(
    ExecutionSubject subject, String actor, Instant at, String reason, String fromState)
    implements ExecutionAuditEvent {

  public RequestCancelled {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(fromState, "fromState");
  }

  @Override
  public String type() {
    return "REQUEST_CANCELLED";
  }

  @Override
  public Map<String, String> details() {
    return Events.details(subject).put("fromState", fromState).build();
  }
}
