package io.continuity.connector.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A primary's replication marker as monitoring observed it: on which site, what position, when. The
 * engine passes the last one the store holds to every step ({@link StepContext}), so a failover's
 * evidence does not depend on which instance probes.
 */
public record ObservedMarker(String site, ReplicationMarker marker, Instant observedAt) {

  public ObservedMarker {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(observedAt, "observedAt");
  }
}
