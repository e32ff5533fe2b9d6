package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable step log and lease of an execution read straight from the state store, the way an
 * auditor would check what a server process wrote (or did not write) before and after it died.
 */
final class StoredSteps {

  /** One row of {@code execution_step}. */
  record Row(int seq, String stepId, String outcome, int attempt, long leaseToken) {}

  /** The row of {@code execution_lease}. */
  record Lease(String owner, long token) {}

  private final JdbcClient jdbc;

  StoredSteps(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Row> of(String executionId) {
    return jdbc.sql(
            "select seq, step_id, outcome, attempt, lease_token from execution_step"
                + " where execution_id = :id order by seq")
        .param("id", executionId)
        .query(
            (rs, n) ->
                new Row(
                    rs.getInt("seq"),
                    rs.getString("step_id"),
                    rs.getString("outcome"),
                    rs.getInt("attempt"),
                    rs.getLong("lease_token")))
        .list();
  }

  boolean inFlight(String executionId, String stepId) {
    return of(executionId).stream()
        .anyMatch(r -> r.stepId().equals(stepId) && r.outcome().equals("STARTED"));
  }

  Lease lease(String executionId) {
    return jdbc.sql("select owner, fencing_token from execution_lease where execution_id = :id")
        .param("id", executionId)
        .query((rs, n) -> new Lease(rs.getString("owner"), rs.getLong("fencing_token")))
        .single();
  }

  long activeClaims(String executionId) {
    return jdbc.sql("select count(*) from execution_active_resource where execution_id = :id")
        .param("id", executionId)
        .query(Long.class)
        .single();
  }

  /**
   * No step recorded twice: each (step, attempt) once, a re-run only as a higher attempt, and at
   * most one success per step.
   */
  static void assertNoStepRecordedTwice(List<Row> rows) {
    assertThat(rows.stream().map(r -> r.stepId() + "#" + r.attempt()).toList())
        .as("each step attempt once")
        .doesNotHaveDuplicates();
    assertThat(
            rows.stream()
                .filter(r -> r.outcome().equals("SUCCEEDED"))
                .map(Row::stepId)
                .collect(Collectors.toList()))
        .as("each step succeeds at most once")
        .doesNotHaveDuplicates();
    assertThat(rows).as("nothing is left in flight").noneMatch(r -> r.outcome().equals("STARTED"));
  }

  static List<String> stepIds(List<Row> rows) {
    return rows.stream().map(Row::stepId).toList();
  }
}
