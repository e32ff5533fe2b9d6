package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
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
import io.continuity.core.status.Visibility;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The monitoring tables on H2 and on the real PostgreSQL, with a controlled clock. */
class MonitoringStoreIT {

  static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  TestStateStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  TestStateStore open(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    return store;
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void retentionKeepsRawThenOnePerBucketThenNothing(TestStateStore.Kind kind) {
    ObservationRepository observations = new ObservationRepository(open(kind).jdbc());
    Instant recent = NOW.minus(Duration.ofDays(1));
    Instant old = NOW.minus(Duration.ofDays(10)); // on a 5-minute boundary
    Instant ancient = NOW.minus(Duration.ofDays(100));
    for (Instant at :
        List.of(
            recent,
            recent.plusSeconds(10),
            recent.plusSeconds(20),
            old,
            old.plusSeconds(60),
            old.plusSeconds(120),
            old.plusSeconds(300),
            old.plusSeconds(360),
            ancient,
            ancient.plusSeconds(1))) {
      observations.insert(Observation.failed("ret-a", at, "probe failed"));
    }
    observations.insert(Observation.failed("ret-b", old.plusSeconds(30), "probe failed"));
    ObservationRetention retention =
        new ObservationRetention(
            observations,
            new StatusOutcomeRepository(store.jdbc()),
            MonitoringProperties.Retention.defaults(),
            CLOCK);

    int deleted = retention.apply();

    assertThat(deleted).isEqualTo(5);
    List<StoredObservation> a = observations.find("ret-a", Instant.EPOCH, NOW, 100);
    assertThat(a)
        .extracting(StoredObservation::observedAt)
        .containsExactly(
            recent.plusSeconds(20), recent.plusSeconds(10), recent, old.plusSeconds(300), old);
    assertThat(observations.count("ret-b")).isEqualTo(1);
    assertThat(retention.apply()).as("a second run changes nothing").isZero();
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void retentionRollsUpBeforeItDownsamplesAndWaitsWhenTheRollupFails(TestStateStore.Kind kind) {
    ObservationRepository observations = new ObservationRepository(open(kind).jdbc());
    Instant old = NOW.minus(Duration.ofDays(8)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    observations.insert(Observation.failed("roll", old, "probe failed"));
    observations.insert(Observation.failed("roll", old.plusSeconds(60), "probe failed"));
    List<Long> seen = new java.util.ArrayList<>();
    boolean[] fail = {true};
    HistoryRollup rollup =
        () -> {
          seen.add(observations.count("roll")); // the raw rows are still there
          if (fail[0]) {
            throw new IllegalStateException("store busy");
          }
        };
    ObservationRetention retention =
        new ObservationRetention(
            observations,
            new StatusOutcomeRepository(store.jdbc()),
            MonitoringProperties.Retention.defaults(),
            CLOCK,
            List.of(rollup));

    assertThat(retention.apply()).as("a failed rollup postpones the downsampling").isZero();
    assertThat(observations.count("roll")).isEqualTo(2);
    fail[0] = false;
    assertThat(retention.apply()).isEqualTo(1);
    assertThat(seen).containsExactly(2L, 2L);
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void observationsRoundTripWithIndicatorsAndPayloadColumns(TestStateStore.Kind kind) {
    ObservationRepository observations = new ObservationRepository(open(kind).jdbc());
    ProbeResult result =
        ProbeResult.builder(NOW)
            .sites(
                List.of(
                    SiteConnectivity.reachable("east"),
                    new SiteConnectivity("west", Connectivity.TIMED_OUT, "after 5s")))
            .health(Health.DEGRADED)
            .replicationState(ReplicationState.STREAMING)
            .lag(ReplicationLag.of(2048, Duration.ofMillis(1500)))
            .primaryMarker(ReplicationMarker.of(Platform.SIMULATED, "SIM_LSN", "0/800", 2048))
            .build();

    observations.insert(Observation.of("rt", result));

    StoredObservation stored =
        observations.find("rt", NOW.minusSeconds(1), NOW.plusSeconds(1), 10).get(0);
    assertThat(stored.ok()).isTrue();
    assertThat(stored.health()).isEqualTo("DEGRADED");
    assertThat(stored.replicationState()).isEqualTo("STREAMING");
    assertThat(stored.lagBytes()).isEqualTo(2048L);
    assertThat(stored.lagSeconds()).isEqualTo(1.5);
    assertThat(stored.primaryMarker()).isEqualTo("SIM_LSN 0/800");
    assertThat(stored.drMarker()).isNull();
    assertThat(stored.connectivity())
        .containsExactly(
            new StoredObservation.SiteReachability("east", "REACHABLE", ""),
            new StoredObservation.SiteReachability("west", "TIMED_OUT", "after 5s"));
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void aLostOutcomeReadsBackEqualSoLastKnownSurvivesARestart(TestStateStore.Kind kind) {
    StatusOutcomeRepository outcomes = new StatusOutcomeRepository(open(kind).jdbc());
    Resource resource = MonitoringFixtures.simulated("restart", "steady");
    StatusEvaluator evaluator = StatusEvaluator.withDefaults(CLOCK);
    StatusOutcome first = evaluator.evaluate(resource, Optional.empty(), Optional.empty());
    StatusOutcome lost =
        evaluator.evaluate(
            resource,
            Optional.of(Observation.failed("restart", NOW, "connection refused")),
            Optional.of(first));

    outcomes.save(first);
    outcomes.save(lost);
    outcomes.insertChange(Optional.empty(), lost);

    assertThat(lost.visibility()).isEqualTo(Visibility.LOST);
    assertThat(outcomes.findAll()).containsExactly(lost);
    assertThat(outcomes.changeHistory("restart")).containsExactly(lost.status() + "/LOST");
  }
}
