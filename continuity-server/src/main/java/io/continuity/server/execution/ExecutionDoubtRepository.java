package io.continuity.server.execution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind {@link ExecutionDoubts}. */
@Repository
class ExecutionDoubtRepository {

  /** A FAILED execution with a step of this member that did not succeed. */
  record Candidate(String executionId, String resourceId, Instant failedAt) {}

  private final JdbcClient jdbc;

  ExecutionDoubtRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * FAILED executions with an unsuccessful step attempt, per member, newest failure first; of one
   * member when {@code resourceId} is not null.
   */
  List<Candidate> candidates(String resourceId) {
    String sql =
        "select r.id, s.member_resource_id, r.failure_at from execution_request r join"
            + " execution_step s on s.execution_id = r.id where r.state = 'FAILED' and s.outcome in"
            + " ('TIMED_OUT', 'INTERRUPTED', 'FAILED', 'STARTED')"
            + (resourceId == null ? "" : " and s.member_resource_id = :resourceId")
            + " group by r.id, s.member_resource_id, r.failure_at"
            + " order by r.failure_at desc, r.id desc";
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    if (resourceId != null) {
      statement = statement.param("resourceId", resourceId);
    }
    return statement
        .query(
            (rs, row) -> {
              OffsetDateTime at = rs.getObject("failure_at", OffsetDateTime.class);
              return new Candidate(
                  rs.getString("id"),
                  rs.getString("member_resource_id"),
                  at == null
                      ? Instant.EPOCH
                      : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant());
            })
        .list();
  }

  /** True when a later execution has run a step on this resource since {@code failedAt}. */
  boolean ranSince(String resourceId, String executionId, Instant failedAt) {
    return jdbc.sql(
                "select count(*) from execution_step where member_resource_id = :resourceId and"
                    + " execution_id <> :executionId and started_at > :at")
            .param("resourceId", resourceId)
            .param("executionId", executionId)
            .param("at", SnapshotColumns.time(failedAt))
            .query(Long.class)
            .single()
        > 0;
  }
}
