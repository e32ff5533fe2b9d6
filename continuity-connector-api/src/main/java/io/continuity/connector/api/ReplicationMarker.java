package io.continuity.connector.api;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A platform-native replication position: a WAL LSN, an oplog optime, an AG LSN, a snapshot time.
 * {@code value} is the platform's own spelling (for example {@code 0/3000148}); {@code position} is
 * a non-negative number that orders markers of the same platform and kind, so markers are
 * comparable within a platform and never across platforms.
 */
public record ReplicationMarker(Platform platform, String kind, String value, BigInteger position)
    implements Comparable<ReplicationMarker> {

  public ReplicationMarker {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(position, "position");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("marker kind must not be blank (for example WAL_LSN)");
    }
    if (position.signum() < 0) {
      throw new IllegalArgumentException("marker position cannot be negative: " + position);
    }
  }

  public static ReplicationMarker of(Platform platform, String kind, String value, long position) {
    return new ReplicationMarker(platform, kind, value, BigInteger.valueOf(position));
  }

  public boolean isComparableWith(ReplicationMarker other) {
    return platform.equals(other.platform) && kind.equals(other.kind);
  }

  /**
   * Orders markers of the same platform and kind.
   *
   * @throws IncomparableMarkersException when platform or kind differ
   */
  @Override
  public int compareTo(ReplicationMarker other) {
    if (!isComparableWith(other)) {
      throw new IncomparableMarkersException(this, other);
    }
    return position.compareTo(other.position);
  }

  /** True when this marker is at or past {@code other}. */
  public boolean hasReached(ReplicationMarker other) {
    return compareTo(other) >= 0;
  }

  /** How far {@code ahead} is past this marker, in the platform's position units (never < 0). */
  public BigInteger distanceTo(ReplicationMarker ahead) {
    int order = compareTo(ahead);
    return order >= 0 ? BigInteger.ZERO : ahead.position.subtract(position);
  }

  @Override
  public String toString() {
    return kind + " " + value;
  }
}
