package io.continuity.server.execution;

import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Freshness;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.monitoring.MonitoringProperties;
import io.continuity.server.monitoring.MonitoringStatus;
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
  private final MonitoringProperties monitoringProperties;
  private final ExecutionEngineProperties properties;
  private final Clock clock;

  EvidenceReader(
      MonitoringStatus monitoring,
      MonitoringProperties monitoringProperties,
      ExecutionEngineProperties properties,
      Clock clock) {
    this.monitoring = monitoring;
    this.monitoringProperties = monitoringProperties;
    this.properties = properties;
    this.clock = clock;
  }

  /** The evidence of a resource now; empty when the resource is not in the inventory. */
  Optional<ResourceEvidence> read(String resourceId) {
    return monitoring.resource(resourceId).map(this::evidence);
  }

  /**
   * The site the latest successful probe saw as primary (the connectors' {@code primarySite}
   * payload entry), with the probe's time; empty when no probe said.
   */
  Optional<ObservedPrimary> observedPrimary(String resourceId) {
    return monitoring
        .latestObservation(resourceId)
        .flatMap(o -> o.result())
        .flatMap(
            r ->
                Optional.ofNullable(r.payload().asMap().get("primarySite"))
                    .map(site -> new ObservedPrimary(site.toString(), r.observedAt())));
  }

  /** Which site a probe saw as primary, and when. */
  record ObservedPrimary(String site, Instant observedAt) {}

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
