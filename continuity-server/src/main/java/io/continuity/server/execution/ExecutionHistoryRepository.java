package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionState;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL behind {@link ExecutionHistory}: one query over the successful executions. */
class ExecutionHistoryRepository {

  private final JdbcClient jdbc;

  ExecutionHistoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<ExecutionHistory.Succeeded> succeeded() {
    List<ExecutionHistory.Succeeded> all = new ArrayList<>();
    jdbc.sql(
            "select id, operation_type, scope_kind, scope_id, state_entered_at, created_at from"
                + " execution_request where state = 'SUCCEEDED'")
        .query(
            (ResultSet rs) -> {
              Map<ExecutionState, Instant> states =
                  SnapshotColumns.readStates(rs.getString("state_entered_at"));
              Instant at =
                  states.getOrDefault(
                      ExecutionState.SUCCEEDED,
                      rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
              all.add(
                  new ExecutionHistory.Succeeded(
                      rs.getString("id"),
                      rs.getString("operation_type"),
                      "GROUP".equals(rs.getString("scope_kind")),
                      rs.getString("scope_id"),
                      at));
            });
    return all;
  }
}
