package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.DR;
import static io.continuity.core.status.StatusFixtures.PRIMARY;
import static io.continuity.core.status.StatusFixtures.TARGET;
import static io.continuity.core.status.StatusFixtures.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.inventory.HeartbeatConfig;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Safety invariant 6 over random observations and clocks: the outcome is never GREEN when the
 * evidence is stale, missing, failed, unproven (markers or lag unknown) or any site is unreachable.
 * A coverage check makes sure GREEN does occur, so the property is not vacuously true.
 */
class NoFalseGreenPropertyTest {

  private static final Duration THRESHOLD = StatusEvaluator.DEFAULT_STALENESS_THRESHOLD;

  enum Kind {
    NONE,
    FAILED,
    RESULT
  }

  @Property(tries = 2000)
  @StatisticsReport(StatisticsReportMode.OFF)
  void neverGreenOnStaleMissingUnprovenOrPartialEvidence(
      @ForAll("instants") Instant now,
      @ForAll @IntRange(min = -5, max = 120) int ageSeconds,
      @ForAll("kinds") Kind kind,
      @ForAll("connectivity") Connectivity primary,
      @ForAll("connectivity") Connectivity dr,
      @ForAll("mostlyTrue") boolean primaryMarker,
      @ForAll("mostlyTrue") boolean drMarker,
      @ForAll("states") ReplicationState state,
      @ForAll("healths") Health health,
      @ForAll("lags") ReplicationLag lag,
      @ForAll Tier tier,
      @ForAll boolean byteThresholds,
      @ForAll("heartbeats") Tuple.Tuple2<Boolean, Optional<Integer>> heartbeat,
      @ForAll("previousAges") Optional<Integer> previousGreenAgeSeconds) {
    Resource resource = resource(tier, byteThresholds, heartbeat.get1());
    Instant observedAt = now.minusSeconds(ageSeconds);
    Optional<Observation> latest;
    switch (kind) {
      case NONE:
        latest = Optional.empty();
        break;
      case FAILED:
        latest = Optional.of(Observation.failed(resource.id(), observedAt, "boom"));
        break;
      default:
        ProbeResult.Builder result =
            ProbeResult.builder(observedAt)
                .sites(
                    List.of(
                        new SiteConnectivity(PRIMARY, primary, ""),
                        new SiteConnectivity(DR, dr, "")))
                .health(health)
                .replicationState(state)
                .lag(lag);
        if (primaryMarker) {
          result.primaryMarker(StatusFixtures.PRIMARY_LSN);
        }
        if (drMarker) {
          result.drMarker(StatusFixtures.DR_LSN);
        }
        heartbeat
            .get2()
            .ifPresent(
                age ->
                    result.heartbeat(
                        new HeartbeatReading(observedAt.minusSeconds(age), observedAt)));
        latest = Optional.of(Observation.of(resource.id(), result.build()));
    }
    Optional<StatusOutcome> previous =
        previousGreenAgeSeconds.map(age -> previousGreen(resource, now.minusSeconds(age)));

    StatusOutcome outcome =
        new StatusEvaluator(Clock.fixed(now, ZoneOffset.UTC), THRESHOLD)
            .evaluate(resource, latest, previous);

    Statistics.label("status").collect(outcome.status());
    boolean missing = kind == Kind.NONE;
    boolean failed = kind == Kind.FAILED;
    boolean stale = Duration.ofSeconds(ageSeconds).compareTo(THRESHOLD) > 0;
    boolean siteUnreachable = !primary.isReachable() || !dr.isReachable();
    boolean markersUnproven = !(primaryMarker && drMarker);
    boolean lagUnknown = lag.time().isEmpty() && !(lag.bytes().isPresent() && byteThresholds);
    if (missing || failed || stale || siteUnreachable || markersUnproven || lagUnknown) {
      assertThat(outcome.status())
          .as(
              "missing=%s failed=%s stale=%s siteUnreachable=%s markersUnproven=%s lagUnknown=%s",
              missing, failed, stale, siteUnreachable, markersUnproven, lagUnknown)
          .isNotEqualTo(Status.GREEN);
    }
    if (missing || failed || stale) {
      assertThat(outcome.visibility()).isEqualTo(Visibility.LOST);
    }
    Statistics.label("status")
        .coverage(coverage -> coverage.check(Status.GREEN).count(count -> count > 0));
  }

  private static Resource resource(Tier tier, boolean byteThresholds, boolean heartbeat) {
    RpoPolicy rpo =
        byteThresholds
            ? new RpoPolicy(TARGET, WARN, OptionalLong.of(1_000), OptionalLong.of(10_000))
            : RpoPolicy.of(TARGET, WARN);
    Optional<HeartbeatConfig> config =
        heartbeat
            ? Optional.of(new HeartbeatConfig("dr_heartbeat", Duration.ofSeconds(5), WARN))
            : Optional.empty();
    return StatusFixtures.resource(tier, rpo, config);
  }

  private static StatusOutcome previousGreen(Resource resource, Instant at) {
    ProbeResult healthy = StatusFixtures.healthy(at).build();
    return new StatusEvaluator(Clock.fixed(at, ZoneOffset.UTC), THRESHOLD)
        .evaluate(resource, Optional.of(Observation.of(resource.id(), healthy)), Optional.empty());
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("2100-01-01T00:00:00Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<Kind> kinds() {
    return Arbitraries.frequency(
        Tuple.of(1, Kind.NONE), Tuple.of(1, Kind.FAILED), Tuple.of(6, Kind.RESULT));
  }

  @Provide
  Arbitrary<Connectivity> connectivity() {
    return Arbitraries.frequency(
        Tuple.of(12, Connectivity.REACHABLE),
        Tuple.of(1, Connectivity.UNREACHABLE),
        Tuple.of(1, Connectivity.TIMED_OUT),
        Tuple.of(1, Connectivity.AUTH_FAILED));
  }

  @Provide
  Arbitrary<Boolean> mostlyTrue() {
    return Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false));
  }

  @Provide
  Arbitrary<ReplicationState> states() {
    return Arbitraries.frequency(
        Tuple.of(6, ReplicationState.STREAMING),
        Tuple.of(2, ReplicationState.CATCHING_UP),
        Tuple.of(1, ReplicationState.BROKEN),
        Tuple.of(1, ReplicationState.PAUSED),
        Tuple.of(1, ReplicationState.UNKNOWN));
  }

  @Provide
  Arbitrary<Health> healths() {
    return Arbitraries.frequency(
        Tuple.of(7, Health.HEALTHY),
        Tuple.of(1, Health.DEGRADED),
        Tuple.of(1, Health.UNHEALTHY),
        Tuple.of(1, Health.UNKNOWN));
  }

  @Provide
  Arbitrary<ReplicationLag> lags() {
    Arbitrary<Optional<Duration>> time =
        Arbitraries.integers().between(0, 120).map(Duration::ofSeconds).optional(0.8);
    Arbitrary<OptionalLong> bytes =
        Arbitraries.longs()
            .between(0, 20_000)
            .optional(0.6)
            .map(b -> b.map(OptionalLong::of).orElse(OptionalLong.empty()));
    return net.jqwik.api.Combinators.combine(bytes, time).as(ReplicationLag::new);
  }

  /** Whether a heartbeat is configured, and the age of the reading (if any) at probe time. */
  @Provide
  Arbitrary<Tuple.Tuple2<Boolean, Optional<Integer>>> heartbeats() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(true, false), Arbitraries.integers().between(0, 90).optional(0.85))
        .as(Tuple::of);
  }

  @Provide
  Arbitrary<Optional<Integer>> previousAges() {
    return Arbitraries.integers().between(0, 300).optional(0.5);
  }
}
