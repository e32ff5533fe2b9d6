package io.continuity.core.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * Optional heartbeat for a resource: the connector writes a timestamp row on the primary into
 * {@code table} and reads it back on the DR side. A replicated heartbeat older than {@code
 * staleAfter} makes the status at least YELLOW.
 */
public record HeartbeatConfig(String table, Duration interval, Duration staleAfter) {

  public HeartbeatConfig {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(staleAfter, "staleAfter");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
    if (staleAfter.compareTo(interval) < 0) {
      throw new IllegalArgumentException("heartbeat staleAfter must be at least the interval");
    }
  }
}
