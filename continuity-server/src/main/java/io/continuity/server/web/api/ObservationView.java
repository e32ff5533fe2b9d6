package io.continuity.server.web.api;

import io.continuity.server.monitoring.StoredObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored probe observation: indicators, connectivity per site and the sanitized connector
 * payload (secrets removed before it was stored). Unknown values are null.
 */
public record ObservationView(
    Instant observedAt,
    boolean ok,
    String failure,
    String health,
    String replicationState,
    Long lagBytes,
    Double lagSeconds,
    String primaryMarker,
    String drMarker,
    Instant heartbeatWrittenAt,
    List<StoredObservation.SiteReachability> connectivity,
    Map<String, Object> payload) {

  static ObservationView of(StoredObservation o) {
    return new ObservationView(
        o.observedAt(),
        o.ok(),
        o.failure(),
        o.health(),
        o.replicationState(),
        o.lagBytes(),
        o.lagSeconds(),
        o.primaryMarker(),
        o.drMarker(),
        o.heartbeatWrittenAt(),
        o.connectivity(),
        o.payload());
  }
}
