package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.ReadinessHistories;
import io.continuity.server.monitoring.ReadinessHistory;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rollup job and reports from the rollup on H2 and the real PostgreSQL: the job back-fills
 * every closed day older than raw history for every resource, re-running it rewrites the same rows,
 * and a report from the rollup equals the sweep of the whole period (scripted histories with gaps,
 * midnight edges, loss of visibility across midnight, RPO flips) — and really reads the rollup.
 */
class ReadinessRollupStoreIT {

  static final Instant NOW = Instant.parse("2024-06-12T10:30:00Z");
  static final long DAY = 86_400_000L;

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
  void reportFromTheRollupEqualsTheSweep(TestStateStore.Kind kind) {
    store = kind == TestStateStore.Kind.H2 ? TestStateStore.h2(dir) : TestStateStore.postgres();
    List<Resource> resources =
        List.of(
            resource("a-db", Tier.TIER_1, Duration.ofSeconds(60)),
            resource("b-db", Tier.TIER_2, Duration.ofMinutes(5)),
            resource("c-db", Tier.TIER_2, Duration.ofSeconds(30)));
    Random random = new Random(17);
    Instant start = NOW.minus(Duration.ofDays(12)).plusSeconds(4321);
    for (Resource r : resources.subList(0, 2)) {
      write(r.id(), start, random);
    }
    // c-db: lost from day -8 22:00 to day -6 01:00 (whole days lost, a run across midnight)
    Instant lostFrom = Instant.parse("2024-06-04T22:00:00Z");
    change("c-db", start, "GREEN", "OK");
    change("c-db", lostFrom, "RED", "LOST");
    change("c-db", Instant.parse("2024-06-07T01:00:00Z"), "GREEN", "OK");
    for (Instant at = start; at.isBefore(NOW); at = at.plusSeconds(600)) {
      observation("c-db", at, true, 12.5);
    }

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ReadinessHistory history =
        ReadinessHistories.over(
            store.jdbc(), Duration.ofMinutes(2), Duration.ofDays(3), Duration.ofMinutes(5), clock);
    ReadinessRollupRepository repository =
        new ReadinessRollupRepository(
            store.jdbc(), new JdbcTemplate(store.dataSource()), store.transactions());
    Inventory inventory = new FixedInventory(resources);
    ReadinessRollup rollup = new ReadinessRollup(inventory, history, repository, clock);
    ReadinessCompliance compliance = new ReadinessCompliance(history, rollup, repository);

    // closed days older than raw (3 d): 2024-05-31 .. 2024-06-08, 9 days, for each resource
    assertThat(rollup.rollUpDays()).isEqualTo(9);
    assertThat(rows()).isEqualTo(27);
    String before = table();
    assertThat(rollup.rollUpDays()).isZero(); // nothing left to do
    rollup.rollUp(java.time.LocalDate.of(2024, 6, 1), java.time.LocalDate.of(2024, 6, 5));
    assertThat(table()).isEqualTo(before); // re-running rewrites the same rows

    List<Instant[]> periods =
        List.of(
            new Instant[] {NOW.minus(Duration.ofDays(20)), NOW}, // from before any history
            new Instant[] {Instant.parse("2024-06-01T00:00:00Z"), NOW},
            new Instant[] {
              Instant.parse("2024-06-02T13:17:00Z"), Instant.parse("2024-06-08T00:00:00.001Z")
            },
            new Instant[] {Instant.parse("2024-06-04T23:59:59.999Z"), NOW},
            new Instant[] {
              Instant.parse("2024-06-05T00:00:00Z"), Instant.parse("2024-06-07T00:00:00Z")
            });
    for (Instant[] p : periods) {
      assertThat(compliance.of(resources, p[0], p[1]))
          .as("%s to %s", p[0], p[1])
          .isEqualTo(compliance.sweepOnly(resources, p[0], p[1]));
    }
    Compliance c = compliance.of(resources, periods.get(0)[0], NOW).get("c-db");
    assertThat(c.longestLostFrom()).isEqualTo(lostFrom);
    assertThat(c.longestLostMillis()).isEqualTo(2 * DAY + 3 * 3_600_000L);

    // the report really reads the rollup: a changed row changes the answer
    store
        .jdbc()
        .sql(
            "update readiness_rollup set green_ms = green_ms + 1 where resource_id = 'a-db' and"
                + " utc_day = :day")
        .param("day", java.time.LocalDate.of(2024, 6, 3))
        .update();
    Instant[] p = periods.get(0);
    assertThat(compliance.of(resources, p[0], p[1]).get("a-db").greenMillis())
        .isEqualTo(compliance.sweepOnly(resources, p[0], p[1]).get("a-db").greenMillis() + 1);

    // a resource whose RPO target changed is not judged from the old rollup: swept again
    List<Resource> changed =
        List.of(resource("a-db", Tier.TIER_1, Duration.ofSeconds(90)), resources.get(1));
    assertThat(compliance.of(changed, p[0], p[1]))
        .isEqualTo(compliance.sweepOnly(changed, p[0], p[1]));
  }

  private void write(String id, Instant start, Random random) {
    String[] statuses = {"GREEN", "YELLOW", "RED"};
    change(id, start, "GREEN", "OK");
    Instant at = start;
    while (at.isBefore(NOW)) {
      int kind = random.nextInt(40);
      if (kind == 0) {
        at = at.plusSeconds(random.nextInt(5) * 3600L); // a gap
      } else if (kind < 3) {
        change(id, at, statuses[random.nextInt(3)], random.nextInt(4) == 0 ? "LOST" : "OK");
      } else if (kind == 3) {
        observation(id, at, false, null);
      } else {
        observation(id, at, true, random.nextInt(8) == 0 ? null : random.nextInt(120) + 0.5);
      }
      if (random.nextInt(30) == 0) { // on, or a millisecond around, the next midnight
        long next = (Math.floorDiv(at.toEpochMilli(), DAY) + 1) * DAY;
        at = Instant.ofEpochMilli(next + random.nextInt(3) - 1);
      } else {
        at = at.plusMillis(1 + random.nextInt(900_000));
      }
    }
  }

  private int rows() {
    return store.jdbc().sql("select count(*) from readiness_rollup").query(Integer.class).single();
  }

  private String table() {
    return store
        .jdbc()
        .sql(
            "select resource_id, utc_day, rpo_ms, horizon_ms, period_ms, green_ms, yellow_ms, red_ms,"
                + " lost_ms, unknown_ms, within_rpo_ms, evidence_ms, worst_lag_seconds,"
                + " worst_lag_at, longest_lost_ms, longest_lost_from, lost_at_start_ms,"
                + " lost_at_end_ms from readiness_rollup order by resource_id, utc_day")
        .query(
            (rs, n) -> {
              StringBuilder line = new StringBuilder();
              for (int i = 1; i <= 18; i++) {
                Object v = rs.getObject(i);
                line.append(
                        v instanceof java.sql.Timestamp t
                            ? t.toInstant()
                            : v instanceof OffsetDateTime o ? o.toInstant() : v)
                    .append('|');
              }
              return line.toString();
            })
        .list()
        .toString();
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

  private void observation(String resource, Instant at, boolean ok, Double lag) {
    store
        .jdbc()
        .sql(
            "insert into observation (resource_id, observed_at, ok, lag_seconds, connectivity,"
                + " payload) values (:r, :at, :ok, :lag, '[]', '{}')")
        .param("r", resource)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("ok", ok)
        .param("lag", lag, java.sql.Types.DOUBLE)
        .update();
  }

  private static Resource resource(String id, Tier tier, Duration rpo) {
    return new Resource(
        id,
        id,
        Platform.SIMULATED,
        tier,
        "test",
        "test@example.com",
        new Site("east", SiteRole.PRIMARY, Map.of()),
        new Site("west", SiteRole.DR, Map.of()),
        new ConnectorRef(Map.of(), Map.of("scenario", "steady"), Map.of()),
        RpoPolicy.of(rpo),
        Optional.empty());
  }

  private record FixedInventory(List<Resource> resources) implements Inventory {
    @Override
    public Optional<Resource> resource(String id) {
      return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<Group> groups() {
      return List.of();
    }

    @Override
    public Optional<Group> group(String id) {
      return Optional.empty();
    }

    @Override
    public String currentPrimarySite(String resourceId) {
      return "east";
    }
  }
}
