package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusEvaluator;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.support.TestStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances (each its own connection pool and name) competing for the prober lease on one
 * store, H2 and the real PostgreSQL: exactly one leads; when its lease lapses the other takes over
 * with a higher fencing token and the old holder can no longer write; a follower rebuilds the
 * leader's latest outcome and observation (probe result, markers and all) from the store.
 */
class ProbeLeadershipIT {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(15);

  @TempDir Path dir;
  TestStateStore store;
  final MovableClock clock = new MovableClock(T0);
  final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() {
    pool.shutdownNow();
    if (store != null) {
      store.close();
    }
  }

  TestStateStore open(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    return store;
  }

  /** One instance: its own pool to the store. */
  record Instance(ProbeLeadership leadership, JdbcClient jdbc, TransactionTemplate tx) {}

  Instance instance(String name) {
    var dataSource = store.newDataSource();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new Instance(
        new ProbeLeadership(new MonitoringLeaseRepository(jdbc), name, LEASE, clock),
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void twoInstancesRaceAndExactlyOneLeads(TestStateStore.Kind kind) throws Exception {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    CountDownLatch go = new CountDownLatch(1);
    Future<Boolean> aLeads = pool.submit(() -> afterGo(go, a));
    Future<Boolean> bLeads = pool.submit(() -> afterGo(go, b));
    go.countDown();

    assertThat(List.of(aLeads.get(), bLeads.get())).containsExactlyInAnyOrder(true, false);
    Instance leader = aLeads.get() ? a : b;
    Instance follower = aLeads.get() ? b : a;
    long token = leader.leadership().token().orElseThrow();

    clock.advance(LEASE.dividedBy(3));
    assertThat(leader.leadership().tick()).as("the holder renews").isTrue();
    assertThat(follower.leadership().tick()).as("a live lease is not taken").isFalse();
    assertThat(leader.leadership().token()).hasValue(token);
    assertThat(follower.leadership().leads()).isFalse();
    assertThat(holds(leader)).isTrue();
    assertThat(holds(follower)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void whenTheLeaseLapsesTheOtherTakesOverWithAHigherToken(TestStateStore.Kind kind) {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    assertThat(a.leadership().tick()).isTrue();
    long first = a.leadership().token().orElseThrow();
    assertThat(b.leadership().tick()).isFalse();

    // A stops renewing (killed, frozen): its lease runs out.
    clock.advance(LEASE.plusSeconds(1));
    assertThat(holds(a)).as("an expired lease fences its holder's writes").isFalse();
    assertThat(b.leadership().tick()).isTrue();
    assertThat(b.leadership().token().orElseThrow()).isGreaterThan(first);

    assertThat(a.leadership().tick()).as("A learns it lost the lease").isFalse();
    assertThat(a.leadership().leads()).isFalse();
    assertThat(holds(a)).isFalse();
    assertThat(holds(b)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aReleasedLeaseIsTakenAtOnce(TestStateStore.Kind kind) {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    assertThat(a.leadership().tick()).isTrue();
    a.leadership().release();
    assertThat(a.leadership().leads()).isFalse();
    assertThat(b.leadership().tick()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aFollowerTriesAgainJustAfterTheHoldersLeaseRunsOutAndKnowsWhomItTookOverFrom(
      TestStateStore.Kind kind) {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    assertThat(a.leadership().tick()).isTrue();
    assertThat(a.leadership().nextTickIn()).as("the holder renews").isEqualTo(LEASE.dividedBy(3));

    clock.advance(LEASE.dividedBy(3));
    assertThat(a.leadership().tick()).isTrue(); // renewed: runs out at T0 + 5 s + 15 s
    clock.advance(Duration.ofSeconds(6));
    assertThat(b.leadership().tick()).isFalse();
    assertThat(b.leadership().heldByOther().map(l -> l.owner())).contains("inst-a");
    assertThat(b.leadership().nextTickIn())
        .as("capped at a third of the lease: the holder renews meanwhile")
        .isEqualTo(LEASE.dividedBy(3));

    clock.advance(Duration.ofSeconds(7)); // A stopped renewing; its lease runs out in 2 s
    assertThat(b.leadership().tick()).isFalse();
    assertThat(b.leadership().nextTickIn())
        .as("just after the lapse")
        .isEqualTo(Duration.ofSeconds(2).plus(ProbeLeadership.AFTER_LAPSE));

    clock.advance(Duration.ofSeconds(2).plus(ProbeLeadership.AFTER_LAPSE));
    assertThat(b.leadership().tick()).isTrue();
    assertThat(b.leadership().takenFrom().map(l -> l.owner())).contains("inst-a");
    assertThat(b.leadership().takenFrom().map(l -> l.expiresAt()))
        .contains(T0.plus(LEASE.dividedBy(3)).plus(LEASE));
    assertThat(a.leadership().leads())
        .as("A, frozen past its lease, knows by its own clock that it no longer leads")
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aFollowerSeesTheLeadersLatestOutcomeAndObservation(TestStateStore.Kind kind) {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    assertThat(a.leadership().tick()).isTrue();
    Resource resource = MonitoringFixtures.simulated("follow-1", "steady");
    MonitoringFixtures.MutableInventory inventory = new MonitoringFixtures.MutableInventory();
    inventory.resources.add(resource);
    ProbeResult result =
        ProbeResult.builder(T0)
            .sites(
                List.of(
                    SiteConnectivity.reachable("east"),
                    new SiteConnectivity("west", Connectivity.TIMED_OUT, "after 5s")))
            .health(Health.DEGRADED)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.of(2048, Duration.ofMillis(1500)))
            .primaryMarker(ReplicationMarker.of(Platform.SIMULATED, "SIM_LSN", "0/A00", 2560))
            .drMarker(ReplicationMarker.of(Platform.SIMULATED, "SIM_LSN", "0/800", 2048))
            .heartbeat(new HeartbeatReading(T0.minusSeconds(2), T0.minusMillis(10)))
            .payload(PayloadSanitizer.standard().sanitize(Map.of("role", "primary")))
            .build();
    Observation observation = Observation.of(resource.id(), result);
    StatusOutcome outcome =
        new StatusEvaluator(clock, Duration.ofSeconds(45))
            .evaluate(resource, Optional.of(observation), Optional.empty());

    try (StoreWriter leaderWrites = writer(a)) {
      leaderWrites.submit(Optional.of(observation), outcome, Optional.of(Optional.empty()));
    }
    LatestOutcomes followed = new LatestOutcomes();
    StoreFollower follower = follower(b, inventory, followed);
    assertThat(follower.pass()).isEqualTo(1);

    assertThat(followed.observation(resource.id())).contains(observation);
    assertThat(followed.outcome(resource.id()).map(StatusOutcome::status))
        .contains(outcome.status());
    assertThat(proberOf(b)).containsExactly("inst-a");

    // A re-evaluation on the same evidence keeps the observation the outcome was judged on.
    StatusOutcome again =
        new StatusEvaluator(clock, Duration.ofSeconds(45))
            .evaluate(resource, Optional.of(observation), Optional.of(outcome));
    try (StoreWriter leaderWrites = writer(a)) {
      leaderWrites.submit(Optional.empty(), again, Optional.empty());
    }
    LatestOutcomes fresh = new LatestOutcomes();
    follower(b, inventory, fresh).pass();
    assertThat(fresh.observation(resource.id())).contains(observation);
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void anInstanceThatLostTheLeaseWritesNothing(TestStateStore.Kind kind) {
    open(kind);
    Instance a = instance("inst-a");
    Instance b = instance("inst-b");
    assertThat(a.leadership().tick()).isTrue();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(b.leadership().tick()).isTrue();
    Resource resource = MonitoringFixtures.simulated("fenced-1", "steady");
    Observation observation = Observation.failed(resource.id(), clock.instant(), "probe failed");
    StatusOutcome outcome =
        new StatusEvaluator(clock, Duration.ofSeconds(45))
            .evaluate(resource, Optional.of(observation), Optional.empty());

    try (StoreWriter stale = writer(a)) {
      stale.submit(Optional.of(observation), outcome, Optional.of(Optional.empty()));
    }
    assertThat(proberOf(b)).isEmpty();

    try (StoreWriter leader = writer(b)) {
      leader.submit(Optional.of(observation), outcome, Optional.of(Optional.empty()));
    }
    assertThat(proberOf(b)).containsExactly("inst-b");
  }

  private static boolean afterGo(CountDownLatch go, Instance instance) throws InterruptedException {
    go.await();
    return instance.leadership().tick();
  }

  private StoreWriter writer(Instance instance) {
    return new StoreWriter(
        new ObservationRepository(instance.jdbc()),
        new StatusOutcomeRepository(instance.jdbc()),
        instance.tx(),
        instance.leadership(),
        instance.leadership().owner());
  }

  private StoreFollower follower(
      Instance instance, MonitoringFixtures.MutableInventory inventory, LatestOutcomes latest) {
    return new StoreFollower(
        inventory,
        new StatusOutcomeRepository(instance.jdbc()),
        new ObservationRepository(instance.jdbc()),
        latest,
        new ResourceMetrics(
            new SimpleMeterRegistry(),
            clock,
            new ReadTimeJudge(
                latest, new TierEvaluators(MonitoringProperties.defaults(), clock), clock)));
  }

  private static List<String> proberOf(Instance instance) {
    return instance
        .jdbc()
        .sql("select prober from observation order by id")
        .query(String.class)
        .list();
  }

  private static boolean holds(Instance instance) {
    return instance.tx().execute(status -> instance.leadership().holds());
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
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
