package io.continuity.server.execution;

import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Freshness;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.monitoring.MonitoringProperties;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ObservationHistory;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the current evidence of a resource from monitoring and judges its age against the engine's
 * threshold at this moment (not at the last evaluation), so evidence that stopped arriving is stale
 * even when no evaluation has said so yet.
 */
@Component
class EvidenceReader {

  private final MonitoringStatus monitoring;
  private final ObservationHistory history;
  private final MonitoringProperties monitoringProperties;
  private final ExecutionEngineProperties properties;
  private final Clock clock;

  EvidenceReader(
      MonitoringStatus monitoring,
      ObservationHistory history,
      MonitoringProperties monitoringProperties,
      ExecutionEngineProperties properties,
      Clock clock) {
    this.monitoring = monitoring;
    this.history = history;
    this.monitoringProperties = monitoringProperties;
    this.properties = properties;
    this.clock = clock;
  }

  /** The evidence of a resource now; empty when the resource is not in the inventory. */
  Optional<ResourceEvidence> read(String resourceId) {
    return monitoring.resource(resourceId).map(this::evidence);
  }

  /**
   * The last primary marker monitoring stored for the resource (site, position, time), read from
   * the store so every instance passes a step the same one; empty when none was observed or the
   * store cannot be read (the connector then states that the marker is unavailable).
   */
  Optional<ObservedMarker> lastPrimaryMarker(String resourceId) {
    try {
      return history.lastPrimaryMarker(resourceId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * What the latest successful probe saw of the roles: the primary site (typed, from the
   * connector's {@link ProbeResult#primarySite()}) or that none was seen, with which sites were
   * unreachable; empty when there is no successful probe at all.
   */
  Optional<ObservedPrimary> observedPrimary(String resourceId) {
    return monitoring
        .latestObservation(resourceId)
        .flatMap(o -> o.result())
        .map(
            r ->
                new ObservedPrimary(
                    r.primarySite(),
                    r.sites().stream()
                        .filter(s -> !s.connectivity().isReachable())
                        .map(s -> s.site())
                        .toList(),
                    r.observedAt()));
  }

  /** The latest successful probe of the resource, if any. */
  Optional<ProbeResult> latestProbe(String resourceId) {
    return monitoring.latestObservation(resourceId).flatMap(o -> o.result());
  }

  /** Which site a probe saw as primary (empty: none), which sites it could not reach, and when. */
  record ObservedPrimary(
      Optional<String> site, java.util.List<String> unreachableSites, Instant observedAt) {}

  private ResourceEvidence evidence(ResourceStatus status) {
    Instant now = clock.instant();
    Resource resource = status.resource();
    Duration maxAge =
        properties.maxEvidenceAge() != null
            ? properties.maxEvidenceAge()
            : monitoringProperties.stalenessFor(resource.tier());
    StatusOutcome outcome = status.outcome();
    Freshness freshness = outcome.freshness();
    Instant observedAt = freshness.observedAt().orElse(null);
    Long age = null;
    boolean stale = true;
    if (observedAt != null) {
      Duration between = Duration.between(observedAt, now);
      age = Math.max(0, between.toSeconds());
      stale = between.compareTo(maxAge) > 0 || outcome.visibility() == Visibility.LOST;
    }
    Optional<ProbeResult> result =
        monitoring.latestObservation(resource.id()).flatMap(o -> o.result());
    Long lagBytes =
        status.lagBytes().isPresent() ? Long.valueOf(status.lagBytes().getAsLong()) : null;
    Double lagSeconds = status.lagTime().map(d -> d.toMillis() / 1000.0).orElse(null);
    return new ResourceEvidence(
        resource.id(),
        now,
        outcome.status().name(),
        outcome.visibility().name(),
        observedAt,
        age,
        stale,
        maxAge.toSeconds(),
        lagBytes,
        lagSeconds,
        result.flatMap(ProbeResult::primaryMarker).map(Object::toString).orElse(null),
        result.flatMap(ProbeResult::drMarker).map(Object::toString).orElse(null),
        result.flatMap(ProbeResult::drMarker).map(ReplicationMarker::position).orElse(null),
        result.flatMap(ProbeResult::heartbeat).map(h -> h.writtenAt()).orElse(null));
  }
}
