package io.continuity.connector.simulated;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ReplicationMarker;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulated write-ahead stream: the primary writes {@code rate} bytes per second since the Unix
 * epoch, so a position is a pure function of time and a lag in time is a lag in bytes. Markers are
 * of kind {@value #MARKER_KIND} and spelled like a PostgreSQL LSN ({@code 18B/2D4C5A00}).
 */
public final class WriteStream {

  /** The kind of every marker this connector reports. */
  public static final String MARKER_KIND = "SIM_LSN";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long rate;

  public WriteStream(long bytesPerSecond) {
    if (bytesPerSecond < 1 || bytesPerSecond > SimulationSettings.MAX_WRITE_RATE) {
      throw new IllegalArgumentException("write rate out of range: " + bytesPerSecond);
    }
    this.rate = bytesPerSecond;
  }

  /** The position the primary had written at {@code at}; 0 before the epoch. */
  public long positionAt(Instant at) {
    if (at.isBefore(Instant.EPOCH)) {
      return 0;
    }
    return rate * at.getEpochSecond() + rate * at.getNano() / NANOS_PER_SECOND;
  }

  /** How long the primary takes to write {@code bytes}. */
  public Duration durationOf(long bytes) {
    return durationOf(bytes, rate);
  }

  static Duration durationOf(long bytes, long rate) {
    long seconds = bytes / rate;
    long nanos = (bytes % rate) * NANOS_PER_SECOND / rate;
    return Duration.ofSeconds(seconds, nanos);
  }

  /** When the primary wrote {@code position}: the inverse of {@link #positionAt}. */
  public Instant timeOf(long position) {
    return Instant.EPOCH.plus(durationOf(position));
  }

  public static ReplicationMarker marker(long position) {
    String value = String.format("%X/%08X", position >>> 32, position & 0xFFFFFFFFL);
    return ReplicationMarker.of(Platform.SIMULATED, MARKER_KIND, value, position);
  }
}
