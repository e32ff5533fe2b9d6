package io.continuity.connector.snowflake;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ReplicationMarker;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * Snowflake's replication marker (brief §3.3): kind {@code SNAPSHOT_TIME}, position = epoch
 * microseconds of a Snowflake server timestamp. The DR side's is the {@code
 * PRIMARY_SNAPSHOT_TIMESTAMP} of its newest COMPLETED refresh (every change committed on the
 * primary at or before it is on the secondary); the primary's is its own {@code
 * CURRENT_TIMESTAMP()}. They are times, not counts: the distance between two is a duration, never a
 * number of changes.
 */
final class SnapshotTime {

  static final String KIND = "SNAPSHOT_TIME";

  private SnapshotTime() {}

  static ReplicationMarker marker(long epochMicros) {
    return new ReplicationMarker(
        Platform.SNOWFLAKE, KIND, instant(epochMicros).toString(), BigInteger.valueOf(epochMicros));
  }

  static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
  }

  /** A marker this connector made (same platform and kind), read back as epoch microseconds. */
  static Optional<Long> micros(ReplicationMarker marker) {
    if (!marker.platform().equals(Platform.SNOWFLAKE) || !marker.kind().equals(KIND)) {
      return Optional.empty();
    }
    return Optional.of(marker.position().longValueExact());
  }
}
