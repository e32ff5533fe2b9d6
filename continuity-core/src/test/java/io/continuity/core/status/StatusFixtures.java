package io.continuity.core.status;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.HeartbeatConfig;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Resources and probe results for status tests: RPO target 60 s, warn 30 s, sites east/west. */
final class StatusFixtures {

  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final String PRIMARY = "east";
  static final String DR = "west";
  static final Duration TARGET = Duration.ofSeconds(60);
  static final Duration WARN = Duration.ofSeconds(30);
  static final ReplicationMarker PRIMARY_LSN =
      ReplicationMarker.of(Platform.POSTGRESQL, "WAL_LSN", "0/3000148", 0x3000148L);
  static final ReplicationMarker DR_LSN =
      ReplicationMarker.of(Platform.POSTGRESQL, "WAL_LSN", "0/3000100", 0x3000100L);

  private StatusFixtures() {}

  /** A tier-1 resource with the default RPO policy and no heartbeat. */
  static final Resource TIER_1 = resource(Tier.TIER_1);

  /** A tier-1 resource that also has byte thresholds (warn 1,000 B, critical 10,000 B). */
  static final Resource BYTES =
      resource(
          Tier.TIER_1,
          new RpoPolicy(TARGET, WARN, OptionalLong.of(1_000), OptionalLong.of(10_000)),
          Optional.empty());

  /** Evaluates a probe result 5 s after {@link #T0}, with no previous outcome. */
  static StatusOutcome evaluateFresh(Resource resource, ProbeResult result) {
    return evaluatorAt(T0.plusSeconds(5)).evaluate(resource, observed(result), Optional.empty());
  }

  static Resource resource(Tier tier) {
    return resource(tier, RpoPolicy.of(TARGET, WARN), Optional.empty());
  }

  static Resource resource(Tier tier, RpoPolicy rpo, Optional<HeartbeatConfig> heartbeat) {
    return new Resource(
        "orders-db",
        "Orders",
        Platform.POSTGRESQL,
        tier,
        "prod",
        "team-orders",
        new Site(PRIMARY, SiteRole.PRIMARY, Map.of()),
        new Site(DR, SiteRole.DR, Map.of()),
        ConnectorRef.none(),
        rpo,
        heartbeat);
  }

  static Resource withHeartbeat(Tier tier) {
    return resource(
        tier,
        RpoPolicy.of(TARGET, WARN),
        Optional.of(new HeartbeatConfig("dr_heartbeat", Duration.ofSeconds(5), WARN)));
  }

  /** Everything a GREEN needs: both sites, healthy, streaming, 2 s lag, both markers. */
  static ProbeResult.Builder healthy(Instant at) {
    return ProbeResult.builder(at)
        .sites(List.of(SiteConnectivity.reachable(PRIMARY), SiteConnectivity.reachable(DR)))
        .health(Health.HEALTHY)
        .replicationState(ReplicationState.STREAMING)
        .lag(ReplicationLag.of(72, Duration.ofSeconds(2)))
        .primaryMarker(PRIMARY_LSN)
        .drMarker(DR_LSN)
        .heartbeat(new HeartbeatReading(at.minusSeconds(3), at));
  }

  static SiteConnectivity site(String name, Connectivity connectivity, String detail) {
    return new SiteConnectivity(name, connectivity, detail);
  }

  static Optional<Observation> observed(ProbeResult result) {
    return Optional.of(Observation.of("orders-db", result));
  }

  static StatusEvaluator evaluatorAt(Instant now) {
    return StatusEvaluator.withDefaults(Clock.fixed(now, ZoneOffset.UTC));
  }

  static List<ReasonCode> codes(StatusOutcome outcome) {
    return outcome.reasons().stream().map(Reason::code).toList();
  }
}
