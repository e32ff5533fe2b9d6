package io.continuity.server.execution;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of precheck overrides ({@code execution_override}): insert and read, nothing else. */
@Repository
class PrecheckOverrideRepository {

  private final JdbcClient jdbc;

  PrecheckOverrideRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores an override.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the check is already overridden
   */
  void insert(PrecheckOverride override) {
    jdbc.sql(
            "insert into execution_override (execution_id, check_id, actor, reason, seen,"
                + " created_at, audit_seq) values (:id, :check, :actor, :reason, :seen, :at, :seq)")
        .param("id", override.executionId())
        .param("check", override.checkId())
        .param("actor", override.actor())
        .param("reason", override.reason())
        .param("seen", override.seen())
        .param("at", SnapshotColumns.time(override.at()))
        .param("seq", override.auditSeq())
        .update();
  }

  /** The overrides of one request, oldest first. */
  List<PrecheckOverride> of(String executionId) {
    return jdbc.sql(
            "select execution_id, check_id, actor, reason, seen, created_at, audit_seq from"
                + " execution_override where execution_id = :id order by created_at, check_id")
        .param("id", executionId)
        .query(
            (rs, row) ->
                new PrecheckOverride(
                    rs.getString("execution_id"),
                    rs.getString("check_id"),
                    rs.getString("actor"),
                    rs.getString("reason"),
                    rs.getString("seen"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getLong("audit_seq")))
        .list();
  }
}
