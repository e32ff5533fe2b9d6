package io.continuity.connector.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far the DR side is behind the primary: in bytes, in time, or both. Each is optional because
 * platforms measure differently; a missing figure is "unknown", never zero.
 */
public record ReplicationLag(OptionalLong bytes, Optional<Duration> time) {

  public static final ReplicationLag UNKNOWN =
      new ReplicationLag(OptionalLong.empty(), Optional.empty());

  public ReplicationLag {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(time, "time");
    if (bytes.isPresent() && bytes.getAsLong() < 0) {
      throw new IllegalArgumentException("lag in bytes cannot be negative: " + bytes.getAsLong());
    }
    if (time.isPresent() && time.get().isNegative()) {
      throw new IllegalArgumentException("lag in time cannot be negative: " + time.get());
    }
  }

  public static ReplicationLag ofBytes(long bytes) {
    return new ReplicationLag(OptionalLong.of(bytes), Optional.empty());
  }

  public static ReplicationLag ofTime(Duration time) {
    return new ReplicationLag(OptionalLong.empty(), Optional.of(time));
  }

  public static ReplicationLag of(long bytes, Duration time) {
    return new ReplicationLag(OptionalLong.of(bytes), Optional.of(time));
  }

  public boolean isKnown() {
    return bytes.isPresent() || time.isPresent();
  }
}
