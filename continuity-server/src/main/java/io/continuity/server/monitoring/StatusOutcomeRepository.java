package io.continuity.server.monitoring;

import io.continuity.core.status.Freshness;
import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL behind the latest outcome per resource and the status change history. */
final class StatusOutcomeRepository {

  private final JdbcClient jdbc;

  StatusOutcomeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the stored outcome of its resource (update, or insert the first one). */
  void save(StatusOutcome outcome) {
    save(outcome, OptionalLong.empty());
  }

  /**
   * Replaces the stored outcome of its resource; {@code observationId} is the observation it was
   * judged on when that is new (empty keeps the one stored: a re-evaluation on the same evidence).
   */
  void save(StatusOutcome outcome, OptionalLong observationId) {
    Long judgedOn = observationId.isPresent() ? observationId.getAsLong() : null;
    int updated =
        bind(
                jdbc.sql(
                    "update status_outcome set status = :status, visibility = :visibility,"
                        + " reasons = :reasons, evidence_at = :evidenceAt, evidence_stale ="
                        + " :stale, last_known_status = :lastKnownStatus, last_known_at ="
                        + " :lastKnownAt, lost_since = :lostSince, evaluated_at = :evaluatedAt"
                        + (judgedOn == null ? "" : ", observation_id = :observationId")
                        + " where resource_id = :id"),
                outcome)
            .param("observationId", judgedOn)
            .update();
    if (updated == 0) {
      bind(
              jdbc.sql(
                  "insert into status_outcome (resource_id, status, visibility, reasons,"
                      + " evidence_at, evidence_stale, last_known_status, last_known_at,"
                      + " lost_since, evaluated_at, observation_id) values (:id, :status,"
                      + " :visibility, :reasons, :evidenceAt, :stale, :lastKnownStatus,"
                      + " :lastKnownAt, :lostSince, :evaluatedAt, :observationId)"),
              outcome)
          .param("observationId", judgedOn)
          .update();
    }
  }

  /** Records that a resource's status or visibility changed. */
  void insertChange(Optional<StatusOutcome> previous, StatusOutcome current) {
    jdbc.sql(
            "insert into status_change (resource_id, changed_at, old_status, new_status,"
                + " old_visibility, new_visibility, reasons) values (:id, :at, :oldStatus,"
                + " :newStatus, :oldVisibility, :newVisibility, :reasons)")
        .param("id", current.subjectId())
        .param("at", utc(current.evaluatedAt()))
        .param("oldStatus", previous.map(p -> p.status().name()).orElse(null))
        .param("newStatus", current.status().name())
        .param("oldVisibility", previous.map(p -> p.visibility().name()).orElse(null))
        .param("newVisibility", current.visibility().name())
        .param("reasons", MonitoringJson.reasons(current.reasons()))
        .update();
  }

  /** Every stored latest outcome. */
  List<StatusOutcome> findAll() {
    return jdbc.sql("select * from status_outcome").query((rs, row) -> read(rs)).list();
  }

  /** A stored latest outcome and the id of the observation it was judged on (0 when none). */
  record Judged(StatusOutcome outcome, long observationId) {}

  /** Every stored latest outcome with the id of its observation. */
  List<Judged> findAllJudged() {
    return jdbc.sql("select * from status_outcome")
        .query((rs, row) -> new Judged(read(rs), rs.getLong("observation_id")))
        .list();
  }

  /** The stored latest outcome of one resource. */
  Optional<StatusOutcome> find(String resourceId) {
    return jdbc.sql("select * from status_outcome where resource_id = :id")
        .param("id", resourceId)
        .query((rs, row) -> read(rs))
        .optional();
  }

  /** The new status of each recorded change of a resource, oldest first. */
  List<String> changeHistory(String resourceId) {
    return jdbc.sql(
            "select new_status, new_visibility from status_change where resource_id = :id"
                + " order by id")
        .param("id", resourceId)
        .query((rs, row) -> rs.getString("new_status") + "/" + rs.getString("new_visibility"))
        .list();
  }

  /** Deletes status changes older than {@code before}; returns how many. */
  int deleteChangesOlderThan(Instant before) {
    return jdbc.sql("delete from status_change where changed_at < :before")
        .param("before", utc(before))
        .update();
  }

  private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, StatusOutcome outcome) {
    return spec.param("id", outcome.subjectId())
        .param("status", outcome.status().name())
        .param("visibility", outcome.visibility().name())
        .param("reasons", MonitoringJson.reasons(outcome.reasons()))
        .param("evidenceAt", outcome.freshness().observedAt().map(this::utc).orElse(null))
        .param("stale", outcome.freshness().stale())
        .param("lastKnownStatus", outcome.lastKnownStatus().map(Status::name).orElse(null))
        .param("lastKnownAt", outcome.lastKnownAt().map(this::utc).orElse(null))
        .param("lostSince", outcome.lostSince().map(this::utc).orElse(null))
        .param("evaluatedAt", utc(outcome.evaluatedAt()));
  }

  private static StatusOutcome read(ResultSet rs) throws SQLException {
    Instant evaluatedAt = instant(rs, "evaluated_at").orElseThrow();
    Optional<Instant> evidenceAt = instant(rs, "evidence_at");
    boolean stale = rs.getBoolean("evidence_stale");
    Freshness freshness =
        evidenceAt
            .map(
                at -> {
                  Duration age = Duration.between(at, evaluatedAt);
                  return new Freshness(
                      Optional.of(at), Optional.of(age.isNegative() ? Duration.ZERO : age), stale);
                })
            .orElseGet(Freshness::missing);
    return new StatusOutcome(
        rs.getString("resource_id"),
        Status.valueOf(rs.getString("status")),
        MonitoringJson.readReasons(rs.getString("reasons")),
        freshness,
        Visibility.valueOf(rs.getString("visibility")),
        Optional.ofNullable(rs.getString("last_known_status")).map(Status::valueOf),
        instant(rs, "last_known_at"),
        instant(rs, "lost_since"),
        evaluatedAt);
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  private OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
