package io.continuity.server.audit;

import java.util.Objects;

/**
 * A point of the audit chain written down outside the database: a sequence number and the hash of
 * the event stored there. Whoever keeps one (a printed evidence report, an anchor file on another
 * volume, a log shipped elsewhere) can later prove the chain was not rewritten up to that point,
 * which the chain alone cannot show against someone able to recompute every hash.
 */
public record AuditAnchor(long seq, String hash) {

  public AuditAnchor {
    if (seq < 0) {
      throw new IllegalArgumentException("anchor seq must be 0 or more: " + seq);
    }
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "anchor hash must be 64 lower-case hexadecimal characters (a SHA-256)");
    }
  }

  @Override
  public String toString() {
    return "seq " + seq + " hash " + hash;
  }
}
