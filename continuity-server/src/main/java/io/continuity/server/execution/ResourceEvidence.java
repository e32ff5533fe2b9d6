package io.continuity.server.execution;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What monitoring knew about one resource at one moment, as the engine shows, checks and stores it
 * (plain, nullable fields so it can be stored as JSON): status, visibility, how old the evidence
 * is, the lag, both replication markers and the heartbeat. A missing marker is null, never guessed.
 *
 * @param stale true when the evidence is missing, lost or older than the engine's threshold
 * @param primaryMarker the primary's marker as {@code KIND value}
 * @param drMarker the DR side's applied marker as {@code KIND value}
 * @param drMarkerPosition the DR marker's position (orders markers of the same kind), or null
 */
public record ResourceEvidence(
    String resourceId,
    Instant capturedAt,
    String status,
    String visibility,
    Instant observedAt,
    Long ageSeconds,
    boolean stale,
    long maxAgeSeconds,
    Long lagBytes,
    Double lagSeconds,
    String primaryMarker,
    String drMarker,
    BigInteger drMarkerPosition,
    Instant heartbeatWrittenAt) {

  public boolean hasMarkers() {
    return primaryMarker != null && drMarker != null;
  }

  public Optional<Duration> lagTime() {
    return lagSeconds == null
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(Math.round(lagSeconds * 1000)));
  }

  /** "marker unavailable" or the DR marker: what the confirmation token binds. */
  public String drMarkerOrNone() {
    return drMarker == null ? "none" : drMarker;
  }
}
