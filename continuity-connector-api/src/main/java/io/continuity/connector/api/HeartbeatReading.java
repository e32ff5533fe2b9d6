package io.continuity.connector.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A heartbeat written on the primary and read back on the DR side. An operator-friendly RPO
 * indicator, never proof of completeness (design §5).
 *
 * @param writtenAt when the primary wrote the heartbeat row the DR side now shows
 * @param readAt when the DR side was read
 */
public record HeartbeatReading(Instant writtenAt, Instant readAt) {

  public HeartbeatReading {
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(readAt, "readAt");
  }
}
