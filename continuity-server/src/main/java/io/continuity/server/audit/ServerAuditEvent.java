package io.continuity.server.audit;

import io.continuity.core.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An audit event raised by the server itself (for example a denied request), for cases the core
 * event family does not cover yet. Details are copied into a sorted, unmodifiable map.
 */
public record ServerAuditEvent(
    String type,
    String actor,
    Instant at,
    Optional<String> executionId,
    Optional<String> resourceId,
    String reason,
    Optional<String> changeTicket,
    Map<String, String> details)
    implements AuditEvent {

  /** Event type recorded when an authenticated user is refused (HTTP 403). */
  public static final String ACCESS_DENIED = "ACCESS_DENIED";

  public ServerAuditEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    executionId = Objects.requireNonNullElse(executionId, Optional.empty());
    resourceId = Objects.requireNonNullElse(resourceId, Optional.empty());
    reason = Objects.requireNonNullElse(reason, "");
    changeTicket = Objects.requireNonNullElse(changeTicket, Optional.empty());
    details = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(details, Map.of())));
  }

  /** An event not tied to an execution, a resource or a change ticket. */
  public static ServerAuditEvent of(
      String type, String actor, Instant at, String reason, Map<String, String> details) {
    return new ServerAuditEvent(
        type, actor, at, Optional.empty(), Optional.empty(), reason, Optional.empty(), details);
  }
}
