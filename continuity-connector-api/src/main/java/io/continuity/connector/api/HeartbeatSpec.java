package io.continuity.connector.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The inventory's heartbeat for a resource, typed: the table (or collection) the connector writes
 * on the primary and reads on the DR side, and how often it writes. A heartbeat read between two
 * writes is as old as the last write, so the interval bounds how precisely it measures lag.
 *
 * @param table where the heartbeat lives (a plain name, optionally schema-qualified)
 * @param interval how often the primary's heartbeat is written
 */
public record HeartbeatSpec(String table, Duration interval) {

  public HeartbeatSpec {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
  }
}
