package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.server.inventory.InFlightExecution;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind {@link InFlightExecutions}: requests that have not ended, by id. */
@Repository
class InFlightExecutionRepository {

  private static final List<String> NOT_ENDED =
      List.of(
          ExecutionState.PENDING_APPROVAL.name(),
          ExecutionState.APPROVED.name(),
          ExecutionState.READY_TO_START.name(),
          ExecutionState.RUNNING.name());

  private final JdbcClient jdbc;

  InFlightExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<InFlightExecution> notEnded() {
    return jdbc.sql(
            "select id, state, scope_kind, scope_id from execution_request where state in"
                + " (:states) order by id")
        .param("states", NOT_ENDED)
        .query(
            (rs, row) ->
                new InFlightExecution(
                    rs.getString("id"),
                    ExecutionState.valueOf(rs.getString("state")),
                    "GROUP".equals(rs.getString("scope_kind"))
                        ? ExecutionScope.group(rs.getString("scope_id"))
                        : ExecutionScope.resource(rs.getString("scope_id"))))
        .list();
  }
}
