package io.continuity.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened and must be on the record: who did it, when, why, under which change
 * ticket. The audit store persists events through this view (type + fields + details), so it needs
 * no knowledge of each event's record.
 *
 * <p>The family is closed: {@link ExecutionAuditEvent} for everything that happens to an execution
 * request, and {@link GenericAuditEvent} for events read back from the store or recorded by a
 * component that has no typed record (for example a denied sign-in).
 */
public sealed interface AuditEvent permits ExecutionAuditEvent, GenericAuditEvent {

  /** Upper snake case name of the event, for example {@code APPROVAL_GRANTED}. */
  String type();

  /** Who did it: a user id, or {@code system:<component>} for the control plane itself. */
  String actor();

  Instant at();

  Optional<String> executionId();

  Optional<String> resourceId();

  /** Why, in the actor's words or the system's; empty string when there is nothing to say. */
  String reason();

  Optional<String> changeTicket();

  /** Further facts, flat and string-valued, in a stable order. Never secrets. */
  Map<String, String> details();
}
