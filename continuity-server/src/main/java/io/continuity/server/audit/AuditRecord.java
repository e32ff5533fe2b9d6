package io.continuity.server.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored link of the audit chain: the event's fields as persisted (time truncated to
 * microseconds), its sequence number, the previous link's hash and its own hash. Optional fields
 * are {@code null} when absent.
 */
public record AuditRecord(
    long seq,
    String type,
    String actor,
    Instant occurredAt,
    String executionId,
    String resourceId,
    String reason,
    String changeTicket,
    Map<String, String> details,
    String prevHash,
    String hash) {

  /** The same record with the given hash. */
  AuditRecord withHash(String newHash) {
    return new AuditRecord(
        seq,
        type,
        actor,
        occurredAt,
        executionId,
        resourceId,
        reason,
        changeTicket,
        details,
        prevHash,
        newHash);
  }
}
