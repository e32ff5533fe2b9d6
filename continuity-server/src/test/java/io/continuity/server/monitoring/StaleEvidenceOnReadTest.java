package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Health;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import io.continuity.core.status.Observation;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusEvaluator;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import io.continuity.server.inventory.Inventory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Safety invariant 6 on the read side: a stored GREEN outcome whose evidence is older than the
 * staleness threshold is never returned GREEN by any read path (every resource, one resource on the
 * prober and on a follower, every group, one group, the status gauge), however long ago it was
 * stored; it reads visibility LOST with its last known status and the age of its evidence, as the
 * prober's watchdog would judge it. Within the threshold it reads as stored.
 */
class StaleEvidenceOnReadTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration TIER1_INTERVAL = Duration.ofSeconds(5);
  static final Duration TIER2_INTERVAL = Duration.ofSeconds(15);

  final TestClock clock = new TestClock(T0);
  final MonitoringProperties properties =
      new MonitoringProperties(
          true,
          new MonitoringProperties.Intervals(TIER1_INTERVAL, TIER2_INTERVAL),
          Duration.ofSeconds(5),
          4,
          4,
          null,
          null,
          MonitoringProperties.Retention.defaults(),
          Duration.ofSeconds(15),
          Duration.ofSeconds(2));
  final TierEvaluators evaluators = new TierEvaluators(properties, clock);
  final LatestOutcomes latest = new LatestOutcomes();
  final ReadTimeJudge judge = new ReadTimeJudge(latest, evaluators, clock);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ResourceMetrics metrics = new ResourceMetrics(meters, clock, judge);
  final GroupedInventory inventory = new GroupedInventory();

  @ParameterizedTest
  @EnumSource(Tier.class)
  void aStoredGreenOlderThanTheThresholdIsNeverReadGreenOnAnyPath(Tier tier) {
    Resource resource = resource("db-" + tier.number(), tier, Duration.ofMinutes(10));
    LatestOutcomes.Latest stored = storeGreen(resource);
    Duration threshold = evaluators.stalenessThreshold(resource);
    List<Duration> ages = new ArrayList<>();
    for (long millis = 0; millis <= threshold.multipliedBy(4).toMillis(); millis += 250) {
      ages.add(Duration.ofMillis(millis));
    }
    ages.add(threshold.plusMillis(1));
    ages.add(threshold.plusNanos(1));

    for (Duration age : ages) {
      clock.set(T0.plus(age));
      for (Read read : reads(resource, stored)) {
        StatusOutcome outcome = read.outcome();
        String what = read.path() + " at evidence age " + age + " (threshold " + threshold + ")";
        if (age.compareTo(threshold) > 0) {
          assertThat(outcome.status()).as(what).isNotEqualTo(Status.GREEN);
          assertThat(outcome.visibility()).as(what).isEqualTo(Visibility.LOST);
          assertThat(outcome.lastKnownStatus()).as(what).contains(Status.GREEN);
          assertThat(outcome.lastKnownAt()).as(what).contains(T0);
          assertThat(outcome.freshness().age()).as(what).contains(age);
        } else {
          assertThat(outcome.status()).as(what).isEqualTo(Status.GREEN);
          assertThat(outcome.visibility()).as(what).isEqualTo(Visibility.OK);
        }
      }
      double gauge = statusGauge(resource);
      assertThat(gauge)
          .as("status gauge at evidence age " + age)
          .isEqualTo(age.compareTo(threshold) > 0 ? Status.YELLOW.ordinal() : 0);
    }
  }

  @Test
  void aTierOneLossLongerThanTheRpoTargetReadsRedAsOnTheProber() {
    Resource resource = resource("orders", Tier.TIER_1, Duration.ofSeconds(30));
    LatestOutcomes.Latest stored = storeGreen(resource);

    clock.set(T0.plusSeconds(20));
    assertThat(judge.current(resource).outcome().status()).isEqualTo(Status.YELLOW);
    clock.set(T0.plusSeconds(31));
    StatusOutcome read = judge.current(resource).outcome();
    StatusOutcome watchdog =
        evaluators
            .of(resource)
            .evaluate(resource, stored.observation(), Optional.of(stored.outcome()));

    assertThat(read.status()).isEqualTo(Status.RED);
    assertThat(read.reasons()).isEqualTo(watchdog.reasons());
    assertThat(read.lastKnownStatus()).contains(Status.GREEN);
  }

  /**
   * What lets the status API and the console reuse a judged read (decision 023): a judgement made
   * at any moment stays the same verdict (status, visibility, last known status, reason codes) at
   * every later moment before the {@code holdsUntil} it was given, through evidence going stale and
   * a tier-1 loss outlasting the RPO, so a reused read never shows GREEN on stale evidence.
   */
  @ParameterizedTest
  @EnumSource(Tier.class)
  void aJudgementHoldsUntilTheFirstMomentTheClockAloneCouldChangeIt(Tier tier) {
    Resource resource = resource("db-" + tier.number(), tier, Duration.ofSeconds(30));
    storeGreen(resource);
    Duration step = Duration.ofMillis(250);
    Instant end = T0.plus(Duration.ofMinutes(2));
    int flips = 0;
    for (Instant at = T0; at.isBefore(end); at = at.plus(step)) {
      clock.set(at);
      StatusOutcome judged = judge.current(resource).outcome();
      Instant holds = judge.holdsUntil(resource, judged, at);
      assertThat(holds).as("holds after " + at).isAfter(at);
      for (Instant later = at.plus(step);
          later.isBefore(holds) && later.isBefore(end);
          later = later.plus(step)) {
        clock.set(later);
        StatusOutcome then = judge.current(resource).outcome();
        assertThat(verdict(then))
            .as("judged at " + at + " holding until " + holds + ", read at " + later)
            .isEqualTo(verdict(judged));
      }
      clock.set(at.plus(step));
      if (!verdict(judge.current(resource).outcome()).equals(verdict(judged))) {
        flips++;
        assertThat(holds).as("a change at " + at.plus(step)).isBeforeOrEqualTo(at.plus(step));
      }
    }
    assertThat(flips).as("GREEN to lost, and RED after the RPO for tier 1").isPositive();
  }

  private static List<Object> verdict(StatusOutcome o) {
    return List.of(
        o.status(),
        o.visibility(),
        o.lastKnownStatus(),
        o.reasons().stream().map(r -> r.code()).toList());
  }

  @Test
  void theMomentALossWasFirstSeenStaysPutFromReadToRead() {
    Resource resource = resource("orders", Tier.TIER_1, Duration.ofMinutes(10));
    storeGreen(resource);

    clock.set(T0.plusSeconds(16));
    Instant firstSeen = judge.current(resource).outcome().lostSince().orElseThrow();
    clock.set(T0.plusSeconds(25));
    StatusOutcome later = judge.current(resource).outcome();

    assertThat(firstSeen).isEqualTo(T0.plusSeconds(16));
    assertThat(later.lostSince()).contains(firstSeen);
    assertThat(later.freshness().age()).contains(Duration.ofSeconds(25));
  }

  @Test
  void aFreshOutcomeStoredByTheProberIsReadAsStored() {
    Resource resource = resource("orders", Tier.TIER_1, Duration.ofMinutes(10));
    LatestOutcomes.Latest stored = storeGreen(resource);

    clock.set(T0.plusSeconds(16));
    judge.current(resource); // stale for a while
    Instant reprobed = T0.plusSeconds(17);
    clock.set(reprobed);
    LatestOutcomes.Latest fresh = green(resource, reprobed, Optional.of(stored.outcome()));
    latest.put(fresh.outcome(), fresh.observation());

    assertThat(judge.current(resource).outcome()).isEqualTo(fresh.outcome());
  }

  /** Every way a status is read, on the prober (from memory) and on a follower (from the store). */
  private List<Read> reads(Resource resource, LatestOutcomes.Latest stored) {
    MonitoringStatus prober =
        new MonitoringStatus(inventory, judge, clock, () -> true, id -> Optional.empty());
    MonitoringStatus follower =
        new MonitoringStatus(
            inventory,
            judge,
            clock,
            () -> false,
            id -> id.equals(resource.id()) ? Optional.of(stored) : Optional.empty());
    List<Read> reads = new ArrayList<>();
    for (var status : Map.of("prober", prober, "follower", follower).entrySet()) {
      String on = " on the " + status.getKey();
      MonitoringStatus reader = status.getValue();
      reads.add(new Read("resources()" + on, only(reader.resources(), resource)));
      reads.add(
          new Read("resource(id)" + on, reader.resource(resource.id()).orElseThrow().outcome()));
      reads.add(new Read("groups()" + on, reader.groups().get(0).outcome()));
      reads.add(new Read("group(id)" + on, reader.group("g").orElseThrow().outcome()));
    }
    return reads;
  }

  private static StatusOutcome only(List<ResourceStatus> statuses, Resource resource) {
    return statuses.stream()
        .filter(s -> s.resource().id().equals(resource.id()))
        .findFirst()
        .orElseThrow()
        .outcome();
  }

  private double statusGauge(Resource resource) {
    return meters.get("continuity.resource.status").tag("resource", resource.id()).gauge().value();
  }

  /** A GREEN outcome on evidence taken at T0, stored as a follower reads it. */
  private LatestOutcomes.Latest storeGreen(Resource resource) {
    inventory.set(resource);
    clock.set(T0);
    LatestOutcomes.Latest stored = green(resource, T0, Optional.empty());
    assertThat(stored.outcome().status()).isEqualTo(Status.GREEN);
    latest.put(stored.outcome(), stored.observation());
    metrics.evaluated(resource, stored.outcome());
    return stored;
  }

  private LatestOutcomes.Latest green(
      Resource resource, Instant at, Optional<StatusOutcome> previous) {
    ProbeResult result =
        ProbeResult.builder(at)
            .sites(List.of(SiteConnectivity.reachable("east"), SiteConnectivity.reachable("west")))
            .health(Health.HEALTHY)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.of(0, Duration.ZERO))
            .primaryMarker(ReplicationMarker.of(Platform.SIMULATED, "SIM_LSN", "0/A00", 2560))
            .drMarker(ReplicationMarker.of(Platform.SIMULATED, "SIM_LSN", "0/A00", 2560))
            .build();
    Observation observation = Observation.of(resource.id(), result);
    StatusEvaluator evaluator = evaluators.of(resource);
    return new LatestOutcomes.Latest(
        evaluator.evaluate(resource, Optional.of(observation), previous), Optional.of(observation));
  }

  private static Resource resource(String id, Tier tier, Duration rpoTarget) {
    return new Resource(
        id,
        id,
        Platform.SIMULATED,
        tier,
        "test",
        "test@example.com",
        new Site("east", SiteRole.PRIMARY, Map.of()),
        new Site("west", SiteRole.DR, Map.of()),
        new ConnectorRef(Map.of(), Map.of(), Map.of()),
        RpoPolicy.of(rpoTarget),
        Optional.empty());
  }

  record Read(String path, StatusOutcome outcome) {}

  /** One resource in one group "g". */
  static final class GroupedInventory implements Inventory {
    private volatile Resource resource;

    void set(Resource resource) {
      this.resource = resource;
    }

    @Override
    public List<Resource> resources() {
      return List.of(resource);
    }

    @Override
    public Optional<Resource> resource(String id) {
      return Optional.of(resource).filter(r -> r.id().equals(id));
    }

    @Override
    public List<Group> groups() {
      return List.of(Group.of("g", "g", resource.tier(), List.of(resource.id())));
    }

    @Override
    public Optional<Group> group(String id) {
      return groups().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    @Override
    public String currentPrimarySite(String resourceId) {
      return resource.primarySite().name();
    }
  }

  /** A clock the test sets. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
