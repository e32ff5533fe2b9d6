package io.continuity.server.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code readiness_rollup} table (V41): one row of judged figures per resource and closed UTC
 * day. Plain SQL that runs on H2 and PostgreSQL.
 */
@Repository
class ReadinessRollupRepository {

  /** One resource's day, judged with an RPO target and an evidence horizon. */
  record Day(
      String resourceId, LocalDate day, long rpoMillis, long horizonMillis, Segment figures) {}

  /** The days of one resource judged with one basis: how many, and the first and last. */
  record Coverage(
      String resourceId,
      long rpoMillis,
      long horizonMillis,
      LocalDate first,
      LocalDate last,
      long days) {}

  /** The summed figures of one resource's whole days (one basis), and its largest lag. */
  record Sums(
      long rpoMillis, long horizonMillis, long days, Compliance times, Double worstLagSeconds) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transaction;

  ReadinessRollupRepository(
      JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The UTC day of the oldest stored observation or status change, empty when none. */
  Optional<LocalDate> firstHistoryDay() {
    List<OffsetDateTime> firsts = new ArrayList<>();
    for (String sql :
        List.of(
            "select min(observed_at) from observation",
            "select min(changed_at) from status_change")) {
      jdbc.sql(sql)
          .query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
          .list()
          .forEach(first -> first.ifPresent(firsts::add));
    }
    return firsts.stream()
        .map(t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
        .min(LocalDate::compareTo);
  }

  /** The first rolled-up day, empty when none. */
  Optional<LocalDate> firstDay() {
    return jdbc
        .sql("select min(utc_day) from readiness_rollup")
        .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
        .list()
        .stream()
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** What is rolled up, per resource and basis. */
  List<Coverage> coverage() {
    return jdbc.sql(
            "select resource_id, rpo_ms, horizon_ms, min(utc_day), max(utc_day), count(*) from"
                + " readiness_rollup group by resource_id, rpo_ms, horizon_ms")
        .query(
            (rs, row) ->
                new Coverage(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getObject(4, LocalDate.class),
                    rs.getObject(5, LocalDate.class),
                    rs.getLong(6)))
        .list();
  }

  /** Replaces every row of the days {@code [first, end)} with {@code days}, in one transaction. */
  void replace(LocalDate first, LocalDate end, List<Day> days, Instant now) {
    transaction.executeWithoutResult(
        status -> {
          jdbc.sql("delete from readiness_rollup where utc_day >= :first and utc_day < :end")
              .param("first", first)
              .param("end", end)
              .update();
          List<Object[]> rows = new ArrayList<>();
          for (Day d : days) {
            Compliance c = d.figures().compliance();
            rows.add(
                new Object[] {
                  d.resourceId(),
                  d.day(),
                  d.rpoMillis(),
                  d.horizonMillis(),
                  c.periodMillis(),
                  c.greenMillis(),
                  c.yellowMillis(),
                  c.redMillis(),
                  c.lostMillis(),
                  c.unknownMillis(),
                  c.withinRpoMillis(),
                  c.greenMillis() + c.yellowMillis() + c.redMillis(),
                  c.worstLagSeconds(),
                  utc(c.worstLagAt()),
                  c.longestLostMillis(),
                  utc(c.longestLostFrom()),
                  d.figures().lostAtStartMillis(),
                  d.figures().lostAtEndMillis(),
                  utc(now)
                });
          }
          int[] types = {
            Types.VARCHAR,
            Types.DATE,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.BIGINT,
            Types.DOUBLE,
            Types.TIMESTAMP_WITH_TIMEZONE,
            Types.BIGINT,
            Types.TIMESTAMP_WITH_TIMEZONE,
            Types.BIGINT,
            Types.BIGINT,
            Types.TIMESTAMP_WITH_TIMEZONE
          };
          for (int i = 0; i < rows.size(); i += 1000) {
            batches.batchUpdate(
                "insert into readiness_rollup (resource_id, utc_day, rpo_ms, horizon_ms, period_ms,"
                    + " green_ms, yellow_ms, red_ms, lost_ms, unknown_ms, within_rpo_ms,"
                    + " evidence_ms, worst_lag_seconds, worst_lag_at, longest_lost_ms,"
                    + " longest_lost_from, lost_at_start_ms, lost_at_end_ms, rolled_up_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.subList(i, Math.min(rows.size(), i + 1000)),
                types);
          }
        });
  }

  /** Deletes the rows of days before {@code day}; returns how many. */
  int deleteBefore(LocalDate day) {
    return jdbc.sql("delete from readiness_rollup where utc_day < :day").param("day", day).update();
  }

  /**
   * The sums of the days {@code [first, end)} per resource and basis, in one grouped query (the
   * times as a {@link Compliance} without worst lag or runs).
   */
  Map<String, List<Sums>> sums(LocalDate first, LocalDate end) {
    Map<String, List<Sums>> result = new HashMap<>();
    jdbc.sql(
            "select resource_id, rpo_ms, horizon_ms, count(*), sum(period_ms), sum(green_ms),"
                + " sum(yellow_ms), sum(red_ms), sum(lost_ms), sum(unknown_ms),"
                + " sum(within_rpo_ms), max(worst_lag_seconds) from readiness_rollup where utc_day >="
                + " :first and utc_day < :end group by resource_id, rpo_ms, horizon_ms")
        .param("first", first)
        .param("end", end)
        .query(
            (ResultSet rs) -> {
              double worst = rs.getDouble(12);
              Double worstLag = rs.wasNull() ? null : worst;
              Compliance times =
                  new Compliance(
                      rs.getLong(5),
                      rs.getLong(6),
                      rs.getLong(7),
                      rs.getLong(8),
                      rs.getLong(9),
                      rs.getLong(10),
                      rs.getLong(11),
                      null,
                      null,
                      0,
                      null);
              result
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new Sums(rs.getLong(2), rs.getLong(3), rs.getLong(4), times, worstLag));
            });
    return result;
  }

  /** When each resource's largest lag of the days {@code [first, end)} was first observed. */
  Map<String, Instant> worstLagAt(LocalDate first, LocalDate end) {
    Map<String, Instant> result = new HashMap<>();
    jdbc.sql(
            "select r.resource_id, min(r.worst_lag_at) from readiness_rollup r join (select"
                + " resource_id, max(worst_lag_seconds) as m from readiness_rollup where utc_day >="
                + " :first and utc_day < :end group by resource_id) x on x.resource_id ="
                + " r.resource_id and r.worst_lag_seconds = x.m where r.utc_day >= :first and r.utc_day <"
                + " :end group by r.resource_id")
        .param("first", first)
        .param("end", end)
        .query(
            (ResultSet rs) -> {
              OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
              if (at != null) {
                result.put(rs.getString(1), at.toInstant());
              }
            });
    return result;
  }

  /** The days of {@code [first, end)} with any loss of visibility, by resource and day. */
  List<Day> lostDays(LocalDate first, LocalDate end) {
    return jdbc.sql(
            "select resource_id, utc_day, rpo_ms, horizon_ms, period_ms, longest_lost_ms,"
                + " longest_lost_from, lost_at_start_ms, lost_at_end_ms, lost_ms from"
                + " readiness_rollup where utc_day >= :first and utc_day < :end and lost_ms > 0 order by"
                + " resource_id, utc_day")
        .param("first", first)
        .param("end", end)
        .query((rs, row) -> lostDay(rs))
        .list();
  }

  private static Day lostDay(ResultSet rs) throws SQLException {
    LocalDate day = rs.getObject(2, LocalDate.class);
    OffsetDateTime longestFrom = rs.getObject(7, OffsetDateTime.class);
    Compliance runs =
        new Compliance(
            rs.getLong(5),
            0,
            0,
            0,
            rs.getLong(10),
            0,
            0,
            null,
            null,
            rs.getLong(6),
            longestFrom == null ? null : longestFrom.toInstant());
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return new Day(
        rs.getString(1),
        day,
        rs.getLong(3),
        rs.getLong(4),
        new Segment(start, runs, rs.getLong(8), rs.getLong(9)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
