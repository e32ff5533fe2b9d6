package io.continuity.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An audit event held as plain fields: what the store reads back, or what a component records when
 * no typed event exists for it. {@link #of(AuditEvent)} copies any event into this form.
 */
public record GenericAuditEvent(
    String type,
    String actor,
    Instant at,
    Optional<String> executionId,
    Optional<String> resourceId,
    String reason,
    Optional<String> changeTicket,
    Map<String, String> details)
    implements AuditEvent {

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  public GenericAuditEvent {
    Objects.requireNonNull(type, "type");
    Events.requireHeader(actor, at);
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(resourceId, "resourceId");
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(changeTicket, "changeTicket");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "audit event type '" + type + "' must be upper snake case, for example STEP_STARTED");
    }
    details =
        Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
  }

  /** An event not tied to an execution, a resource or a change ticket. */
  public static GenericAuditEvent of(
      String type, String actor, Instant at, String reason, Map<String, String> details) {
    return new GenericAuditEvent(
        type, actor, at, Optional.empty(), Optional.empty(), reason, Optional.empty(), details);
  }

  /** Any audit event as plain fields. */
  public static GenericAuditEvent of(AuditEvent event) {
    return new GenericAuditEvent(
        event.type(),
        event.actor(),
        event.at(),
        event.executionId(),
        event.resourceId(),
        event.reason(),
        event.changeTicket(),
        event.details());
  }
}
