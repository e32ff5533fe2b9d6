package io.continuity.server.monitoring;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one query behind readiness reports: every observation and status change of a period (plus the
 * last change before it, which says what the period started in), ordered by resource and time,
 * streamed row by row so a year of history never sits in memory. Plain SQL that runs on H2 and
 * PostgreSQL.
 */
final class ReadinessHistoryRepository {

  private final JdbcClient jdbc;
  private final JdbcClient streaming;
  private final org.springframework.transaction.support.TransactionTemplate readOnly;

  ReadinessHistoryRepository(JdbcClient jdbc) {
    this(jdbc, jdbc, null);
  }

  /**
   * @param streaming a client whose statements fetch rows in batches (PostgreSQL's driver otherwise
   *     reads a whole result into memory; it streams only with a fetch size inside a transaction)
   * @param readOnly the read-only transaction the scan runs in, or null
   */
  ReadinessHistoryRepository(
      JdbcClient jdbc,
      JdbcClient streaming,
      org.springframework.transaction.support.TransactionTemplate readOnly) {
    this.jdbc = jdbc;
    this.streaming = streaming;
    this.readOnly = readOnly;
  }

  /**
   * Streams observations with {@code observedFrom <= observed_at < to} and status changes with
   * {@code from <= changed_at < to}, plus each resource's last change before {@code from}; ordered
   * by resource, time, changes before observations at the same instant.
   */
  void scan(Instant observedFrom, Instant from, Instant to, Consumer<HistoryRow> sink) {
    if (readOnly == null) {
      query(observedFrom, from, to, sink);
    } else {
      readOnly.executeWithoutResult(status -> query(observedFrom, from, to, sink));
    }
  }

  private void query(Instant observedFrom, Instant from, Instant to, Consumer<HistoryRow> sink) {
    streaming
        .sql(
            "select resource_id, observed_at as at, 1 as kind, ok, lag_seconds, cast(null as"
                + " varchar(10)) as status, cast(null as varchar(10)) as visibility from"
                + " observation where observed_at >= :observedFrom and observed_at < :to"
                + " union all select resource_id, changed_at, 0, false, cast(null as double"
                + " precision), new_status, new_visibility from status_change where changed_at <"
                + " :to and (changed_at >= :from or id in (select max(id) from status_change"
                + " where changed_at < :from group by resource_id)) order by 1, 2, 3")
        .param("observedFrom", utc(observedFrom))
        .param("from", utc(from))
        .param("to", utc(to))
        .query(
            (ResultSet rs) -> {
              String resource = rs.getString(1);
              Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
              if (rs.getInt(3) == 0) {
                sink.accept(HistoryRow.change(resource, at, rs.getString(6), rs.getString(7)));
              } else {
                double lag = rs.getDouble(5);
                Double lagSeconds = rs.wasNull() ? null : lag;
                sink.accept(HistoryRow.observation(resource, at, rs.getBoolean(4), lagSeconds));
              }
            });
  }

  /**
   * The largest lag observed per {@code bucketSeconds} of one resource in {@code [from, to)},
   * oldest first: [bucket start epoch seconds, max lag seconds].
   */
  java.util.List<double[]> maxLagPerBucket(
      String resourceId, Instant from, Instant to, long bucketSeconds) {
    return jdbc.sql(
            "select b, max(lag) from (select floor(extract(epoch from observed_at) / :bucket)"
                + " as b, lag_seconds as lag from observation where resource_id = :id and"
                + " observed_at >= :from and observed_at < :to and lag_seconds is not null) x"
                + " group by b order by b")
        .param("bucket", bucketSeconds)
        .param("id", resourceId)
        .param("from", utc(from))
        .param("to", utc(to))
        .query((rs, row) -> new double[] {rs.getDouble(1) * bucketSeconds, rs.getDouble(2)})
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
