package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.core.status.Observation;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one query behind readiness reports, on H2 and on the real PostgreSQL. */
class ReadinessHistoryStoreIT {

  static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Instant FROM = NOW.minus(Duration.ofHours(1));

  @TempDir Path dir;
  TestStateStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void streamsEachResourceInTimeOrderWithTheChangeThePeriodStartsIn(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    ObservationRepository observations = new ObservationRepository(store.jdbc());
    change("b", FROM.minusSeconds(7200), "RED", "OK"); // superseded by the next one
    change("b", FROM.minusSeconds(600), "GREEN", "OK"); // what the period starts in
    change("a", FROM.plusSeconds(60), "YELLOW", "OK");
    change("a", NOW.plusSeconds(1), "RED", "OK"); // after the period: not read
    observations.insert(ok("a", FROM.plusSeconds(60), 2.5));
    observations.insert(Observation.failed("a", FROM.plusSeconds(30), "timed out"));
    observations.insert(ok("b", FROM.minusSeconds(30), 1.0)); // still evidence at FROM
    observations.insert(ok("b", FROM.minusSeconds(3600), 1.0)); // too old to count: not read
    observations.insert(ok("a", NOW, 9.0)); // the period end is exclusive

    ReadinessHistory history =
        new ReadinessHistory(
            new ReadinessHistoryRepository(store.jdbc()),
            MonitoringProperties.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    List<HistoryRow> rows = new ArrayList<>();
    history.scan(FROM, NOW, rows::add);

    assertThat(rows)
        .containsExactly(
            HistoryRow.observation("a", FROM.plusSeconds(30), false, null),
            HistoryRow.change("a", FROM.plusSeconds(60), "YELLOW", "OK"),
            HistoryRow.observation("a", FROM.plusSeconds(60), true, 2.5),
            HistoryRow.change("b", FROM.minusSeconds(600), "GREEN", "OK"),
            HistoryRow.observation("b", FROM.minusSeconds(30), true, 1.0));
  }

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void lagOverTimeIsTheLargestLagPerSliceWithGapsLeftOut(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    ObservationRepository observations = new ObservationRepository(store.jdbc());
    observations.insert(ok("a", FROM.plusSeconds(10), 2.0));
    observations.insert(ok("a", FROM.plusSeconds(20), 7.0));
    observations.insert(Observation.failed("a", FROM.plusSeconds(30), "timed out"));
    observations.insert(ok("a", FROM.plusSeconds(2000), 3.0)); // slices in between: no lag
    observations.insert(ok("b", FROM.plusSeconds(10), 99.0)); // another resource

    ReadinessHistory history =
        new ReadinessHistory(
            new ReadinessHistoryRepository(store.jdbc()),
            MonitoringProperties.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    // an hour in 6 slices of 600 s; FROM is on a 600 s boundary
    assertThat(history.lagOverTime("a", FROM, NOW, 6))
        .containsExactly(
            new ReadinessHistory.LagPoint(FROM, 7.0),
            new ReadinessHistory.LagPoint(FROM.plusSeconds(1800), 3.0));
  }

  private static Observation ok(String resource, Instant at, double lagSeconds) {
    return Observation.of(
        resource,
        ProbeResult.builder(at)
            .lag(ReplicationLag.of(0, Duration.ofMillis((long) (lagSeconds * 1000))))
            .build());
  }

  private void change(String resource, Instant at, String status, String visibility) {
    store
        .jdbc()
        .sql(
            "insert into status_change (resource_id, changed_at, new_status, new_visibility,"
                + " reasons) values (:r, :at, :s, :v, '[]')")
        .param("r", resource)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("s", status)
        .param("v", visibility)
        .update();
  }
}
