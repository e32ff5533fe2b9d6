package io.continuity.server.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the durable step log ({@code execution_step}). Callers write only inside a transaction
 * that has just checked their fencing token ({@link ExecutionLeaseRepository#fence}).
 */
@Repository
class StepLogRepository {

  private final JdbcClient jdbc;

  StepLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StepRecord r) {
    jdbc.sql(
            "insert into execution_step (execution_id, seq, step_id, member_resource_id,"
                + " step_index, started_at, finished_at, outcome, output_text, facts, attempt,"
                + " lease_token) values (:id, :seq, :stepId, :member, :stepIndex, :startedAt,"
                + " :finishedAt, :outcome, :output, :facts, :attempt, :token)")
        .param("id", r.executionId())
        .param("seq", r.seq())
        .param("stepId", r.stepId())
        .param("member", r.memberResourceId())
        .param("stepIndex", r.stepIndex())
        .param("startedAt", SnapshotColumns.time(r.startedAt()))
        .param("finishedAt", SnapshotColumns.time(r.finishedAt()))
        .param("outcome", r.outcome().name())
        .param("output", r.output())
        .param("facts", PlanJson.writeFlat(r.facts()))
        .param("attempt", r.attempt())
        .param("token", r.leaseToken())
        .update();
  }

  /** Ends a STARTED attempt; false when it was not STARTED (nothing written). */
  boolean finish(
      String executionId,
      int seq,
      StepLogOutcome outcome,
      Instant at,
      String output,
      Map<String, String> facts) {
    return jdbc.sql(
                "update execution_step set outcome = :outcome, finished_at = :at, output_text ="
                    + " :output, facts = :facts where execution_id = :id and seq = :seq and"
                    + " outcome = 'STARTED'")
            .param("outcome", outcome.name())
            .param("at", SnapshotColumns.time(at))
            .param("output", StepRecord.truncate(output))
            .param("facts", PlanJson.writeFlat(facts))
            .param("id", executionId)
            .param("seq", seq)
            .update()
        == 1;
  }

  /** Marks every attempt still STARTED as INTERRUPTED (the run will not resume). */
  int interruptStarted(String executionId, Instant at, String output) {
    return jdbc.sql(
            "update execution_step set outcome = 'INTERRUPTED', finished_at = :at, output_text ="
                + " :output where execution_id = :id and outcome = 'STARTED'")
        .param("at", SnapshotColumns.time(at))
        .param("output", StepRecord.truncate(output))
        .param("id", executionId)
        .update();
  }

  /** Every attempt of the execution, in order. */
  List<StepRecord> list(String executionId) {
    return jdbc.sql("select * from execution_step where execution_id = :id order by seq")
        .param("id", executionId)
        .query((rs, row) -> record(rs))
        .list();
  }

  private static StepRecord record(ResultSet rs) throws SQLException {
    return new StepRecord(
        rs.getString("execution_id"),
        rs.getInt("seq"),
        rs.getString("step_id"),
        rs.getString("member_resource_id"),
        rs.getInt("step_index"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        StepLogOutcome.valueOf(rs.getString("outcome")),
        rs.getString("output_text"),
        PlanJson.readFlat(rs.getString("facts")),
        rs.getInt("attempt"),
        rs.getLong("lease_token"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
  }
}
