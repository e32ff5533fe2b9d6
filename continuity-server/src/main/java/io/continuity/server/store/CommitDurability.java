package io.continuity.server.store;

import java.util.Optional;

/**
 * Whether a store keeps every transaction that returned to its caller when the server process is
 * killed. H2 keeps commits in memory for {@code WRITE_DELAY} milliseconds (500 by default) before
 * it writes them: a {@code kill -9} in that window loses approvals, confirmations, step-log rows
 * and audit events that were already acknowledged, and leaves a consistent, verifiable prefix that
 * hides the loss. PostgreSQL writes its WAL at commit (with its own settings, which are the
 * database administrator's).
 */
final class CommitDurability {

  private CommitDurability() {}

  /**
   * Why the store must not be used, or empty when it is durable at commit.
   *
   * @param product the JDBC database product name
   * @param writeDelayMillis H2's effective {@code WRITE_DELAY}, empty when not H2 or unknown
   * @param persistent whether the H2 database is kept on disk (an in-memory one keeps nothing)
   */
  static Optional<String> refusal(
      String product, Optional<Integer> writeDelayMillis, boolean persistent) {
    if (!"H2".equalsIgnoreCase(product) || !persistent) {
      return Optional.empty();
    }
    if (writeDelayMillis.isEmpty()) {
      return Optional.of(
          "the embedded H2 store does not report its WRITE_DELAY, so it cannot be shown to keep"
              + " committed transactions after a crash");
    }
    int delay = writeDelayMillis.get();
    if (delay <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "the embedded H2 store writes commits to disk up to "
            + delay
            + " ms late (WRITE_DELAY="
            + delay
            + "), so a crash of the server could lose decisions the API already acknowledged."
            + " Add ;WRITE_DELAY=0 to the store URL (spring.datasource.url / CONTINUITY_DB_URL),"
            + " or, for a throw-away test store only, set continuity.store.allow-delayed-commits=true");
  }
}
