package io.continuity.server.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of confirmed runs ({@code execution_run}: the plan fixed at confirmation and the evidence
 * before and after) and of the one-execution-per-resource guard ({@code
 * execution_active_resource}).
 */
@Repository
class ExecutionRunRepository {

  private final JdbcClient jdbc;

  ExecutionRunRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored run: the confirmed plan and the evidence JSON. */
  record StoredRun(
      String executionId,
      String planHash,
      ExecutionPlan plan,
      String evidenceBefore,
      Optional<String> evidenceAfter,
      Instant confirmedAt) {}

  void insert(String executionId, ExecutionPlan plan, String evidenceBefore, Instant at) {
    jdbc.sql(
            "insert into execution_run (execution_id, plan_hash, plan_json, evidence_before,"
                + " confirmed_at) values (:id, :hash, :plan, :before, :at)")
        .param("id", executionId)
        .param("hash", plan.hash())
        .param("plan", PlanJson.write(plan))
        .param("before", evidenceBefore)
        .param("at", SnapshotColumns.time(at))
        .update();
  }

  void setEvidenceAfter(String executionId, String evidenceAfter) {
    jdbc.sql("update execution_run set evidence_after = :after where execution_id = :id")
        .param("after", evidenceAfter)
        .param("id", executionId)
        .update();
  }

  Optional<StoredRun> find(String executionId) {
    return jdbc.sql("select * from execution_run where execution_id = :id")
        .param("id", executionId)
        .query((rs, row) -> run(rs))
        .optional();
  }

  /** Ids of requests in state RUNNING, oldest first. */
  List<String> running() {
    return jdbc.sql("select id from execution_request where state = 'RUNNING' order by created_at")
        .query(String.class)
        .list();
  }

  /**
   * Claims the resources for the execution; the primary key refuses a resource another execution
   * holds ({@link org.springframework.dao.DuplicateKeyException}).
   */
  void claim(List<String> resourceIds, String executionId, Instant at) {
    for (String resourceId : resourceIds) {
      jdbc.sql(
              "insert into execution_active_resource (resource_id, execution_id, since) values"
                  + " (:resource, :id, :at)")
          .param("resource", resourceId)
          .param("id", executionId)
          .param("at", SnapshotColumns.time(at))
          .update();
    }
  }

  void releaseClaims(String executionId) {
    jdbc.sql("delete from execution_active_resource where execution_id = :id")
        .param("id", executionId)
        .update();
  }

  /** Which execution holds each of these resources, for those held. */
  Map<String, String> holders(List<String> resourceIds) {
    Map<String, String> held = new LinkedHashMap<>();
    if (resourceIds.isEmpty()) {
      return held;
    }
    jdbc.sql(
            "select resource_id, execution_id from execution_active_resource where resource_id"
                + " in (:ids)")
        .param("ids", resourceIds)
        .query(
            (ResultSet rs) -> {
              held.put(rs.getString("resource_id"), rs.getString("execution_id"));
            });
    return held;
  }

  private static StoredRun run(ResultSet rs) throws SQLException {
    OffsetDateTime at = rs.getObject("confirmed_at", OffsetDateTime.class);
    return new StoredRun(
        rs.getString("execution_id"),
        rs.getString("plan_hash"),
        PlanJson.read(rs.getString("plan_json")),
        rs.getString("evidence_before"),
        Optional.ofNullable(rs.getString("evidence_after")),
        at.withOffsetSameInstant(ZoneOffset.UTC).toInstant());
  }
}
