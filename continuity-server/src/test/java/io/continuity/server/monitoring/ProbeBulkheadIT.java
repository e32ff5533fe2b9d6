package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.simulated.SimulatedConnectorFactory;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.core.inventory.Resource;
import io.continuity.server.monitoring.MonitoringFixtures.MutableInventory;
import io.continuity.server.support.TestStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real scheduler, workers and H2 store with a 200 ms interval: hung probes must not slow the
 * healthy resources down. Asserts on stored observation counts and their timestamps.
 */
class ProbeBulkheadIT {

  static final Duration INTERVAL = Duration.ofMillis(200);
  static final Duration HANG_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestStateStore store;
  MutableInventory inventory = new MutableInventory();
  StuckConnectorFactory stuck = new StuckConnectorFactory();
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  MonitoringExecutors executors;
  StoreWriter writer;
  ProbeScheduler scheduler;
  StalenessWatchdog watchdog;
  MonitoringEngine engine;
  ObservationRepository observations;
  LatestOutcomes latest = new LatestOutcomes();

  @BeforeEach
  void openStore() {
    store = TestStateStore.h2(dir);
    observations = new ObservationRepository(store.jdbc());
  }

  @AfterEach
  void stop() {
    stuck.release();
    if (engine != null) {
      engine.stop();
    }
    if (executors != null) {
      executors.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (writer != null) {
      writer.close();
    }
    store.close();
    inventory.resources.forEach(r -> SimulatedPlatform.forget(r.id()));
  }

  void startEngine(int poolSize, int perPlatform, Duration timeout) {
    MonitoringProperties properties =
        new MonitoringProperties(
            true,
            new MonitoringProperties.Intervals(INTERVAL, INTERVAL),
            timeout,
            poolSize,
            perPlatform,
            null,
            INTERVAL,
            MonitoringProperties.Retention.defaults(),
            Duration.ofSeconds(15),
            Duration.ofSeconds(2));
    Clock clock = Clock.systemUTC();
    ResourceMetrics metrics =
        new ResourceMetrics(
            meters, clock, new ReadTimeJudge(latest, new TierEvaluators(properties, clock), clock));
    ProbeLeadership leadership =
        new ProbeLeadership(
            new MonitoringLeaseRepository(store.jdbc()),
            "bulkhead-it",
            properties.leaderLease(),
            clock);
    StatusOutcomeRepository outcomes = new StatusOutcomeRepository(store.jdbc());
    writer =
        new StoreWriter(
            observations,
            outcomes,
            new TransactionTemplate(store.transactions()),
            leadership,
            leadership.owner());
    StatusRecorder recorder =
        new StatusRecorder(properties, clock, writer, latest, metrics, e -> {});
    ConnectorRegistry connectors =
        new ConnectorRegistry(
            ConnectorFactories.of(new SimulatedConnectorFactory(clock), stuck),
            new EnvironmentSecretResolver(Map.of()));
    executors = new MonitoringExecutors(poolSize);
    scheduler =
        new ProbeScheduler(
            inventory, connectors, recorder, metrics, latest, properties, clock, executors);
    watchdog = new StalenessWatchdog(inventory, latest, recorder, clock);
    engine =
        new MonitoringEngine(
            scheduler,
            watchdog,
            executors,
            properties,
            leadership,
            new StoreFollower(inventory, outcomes, observations, latest, metrics),
            writer,
            new ProberTakeovers(meters, clock),
            latest);
    engine.start();
  }

  @Test
  void aHangingProbeDoesNotDelayFiftyHealthyResources() {
    inventory.resources.add(MonitoringFixtures.simulated("bulk-hang", "hang"));
    List<Resource> healthy = healthy("bulk-ok-", 50);
    inventory.resources.addAll(healthy);

    startEngine(8, 8, HANG_TIMEOUT);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> healthy.stream().allMatch(r -> observations.count(r.id()) >= 12));
    for (Resource resource : healthy) {
      assertKeptItsInterval(resource);
    }
    await().atMost(HANG_TIMEOUT.multipliedBy(2)).until(() -> failures("bulk-hang") >= 1);
    assertThat(latest.outcome("bulk-hang").orElseThrow().isVisible()).isFalse();
    assertThat(missed("bulk-hang")).isPositive();
  }

  @Test
  void aPlatformWhoseProbesNeverReturnHoldsAtMostItsPermits() {
    for (int i = 0; i < 10; i++) {
      inventory.resources.add(
          MonitoringFixtures.resource("stuck-" + i, StuckConnectorFactory.STUCK, Map.of()));
    }
    List<Resource> healthy = healthy("mixed-ok-", 20);
    inventory.resources.addAll(healthy);

    startEngine(6, 3, Duration.ofMillis(500));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> healthy.stream().allMatch(r -> observations.count(r.id()) >= 12));
    for (Resource resource : healthy) {
      assertKeptItsInterval(resource);
    }
    assertThat(stuck.mostInside.get()).isEqualTo(3);
    assertThat(stuck.entered.get())
        .as("probes that never return are not started again")
        .isEqualTo(3);
    List<StoredObservation> stuckObservations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      stuckObservations.addAll(recent("stuck-" + i));
    }
    assertThat(stuckObservations)
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.failure()).contains("probe timed out after 500ms"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                inventory.resources.stream()
                    .filter(r -> r.id().startsWith("stuck-"))
                    .allMatch(r -> latest.outcome(r.id()).map(o -> !o.isVisible()).orElse(false)));
  }

  @Test
  void resourcesAddedAndRemovedFromTheInventoryArePickedUp() {
    startEngine(4, 4, Duration.ofSeconds(1));
    Resource late = MonitoringFixtures.simulated("bulk-late", "steady");

    inventory.resources.add(late);
    await().atMost(Duration.ofSeconds(10)).until(() -> observations.count("bulk-late") >= 2);
    inventory.resources.clear();
    await().atMost(Duration.ofSeconds(10)).until(() -> latest.outcome("bulk-late").isEmpty());
    long after = observations.count("bulk-late");

    await().pollDelay(Duration.ofMillis(800)).until(() -> true);
    assertThat(observations.count("bulk-late")).isLessThanOrEqualTo(after + 1);
  }

  private List<Resource> healthy(String prefix, int count) {
    List<Resource> resources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      resources.add(MonitoringFixtures.simulated(prefix + i, "steady"));
    }
    return resources;
  }

  /**
   * Only successful probes, on average within a few intervals, and no gap anywhere near the hung
   * probe's 10 s timeout. The bounds are loose on purpose: the build machine's two cores are
   * shared, and a blocked engine would show gaps of the whole timeout or no probes at all.
   */
  private void assertKeptItsInterval(Resource resource) {
    List<StoredObservation> list = recent(resource.id());
    assertThat(list).allSatisfy(o -> assertThat(o.ok()).as(resource.id()).isTrue());
    Duration span =
        Duration.between(list.get(list.size() - 1).observedAt(), list.get(0).observedAt());
    assertThat(span.dividedBy(list.size() - 1))
        .as("mean gap of " + resource.id())
        .isLessThan(INTERVAL.multipliedBy(5));
    for (int i = 1; i < list.size(); i++) {
      Duration gap = Duration.between(list.get(i).observedAt(), list.get(i - 1).observedAt());
      assertThat(gap)
          .as("gap between probes of " + resource.id())
          .isLessThan(HANG_TIMEOUT.dividedBy(2));
    }
  }

  private List<StoredObservation> recent(String id) {
    return observations.find(id, Instant.EPOCH, Instant.now().plusSeconds(60), 1000);
  }

  private long failures(String id) {
    return recent(id).stream().filter(o -> !o.ok()).count();
  }

  private double missed(String id) {
    return meters.get("continuity.probe.missed").tag("resource", id).counter().count();
  }
}
