package io.continuity.server.execution;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code execution_approval_claims}: one row per request and approver, never updated.
 */
@Repository
class ApprovedClaimsRepository {

  private final JdbcClient jdbc;

  ApprovedClaimsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What one approver saw, as stored. */
  record Approved(String approver, ConfirmationToken claims) {}

  /**
   * Stores what {@code approver} saw unless a row for them exists already (the first one stays).
   */
  void insertIfAbsent(String executionId, String approver, ConfirmationToken claims, Instant at) {
    jdbc.sql(
            "insert into execution_approval_claims (execution_id, approver, claims_json,"
                + " approved_at) select :id, :approver, :claims, :at where not exists (select 1"
                + " from execution_approval_claims where execution_id = :id and approver ="
                + " :approver)")
        .param("id", executionId)
        .param("approver", approver)
        .param("claims", PlanJson.writeValue(claims))
        .param("at", SnapshotColumns.time(at))
        .update();
  }

  /** Every approver's claims for a request, in approval order. */
  List<Approved> of(String executionId) {
    return jdbc.sql(
            "select approver, claims_json from execution_approval_claims where execution_id ="
                + " :id order by approved_at, approver")
        .param("id", executionId)
        .query(
            (rs, row) ->
                new Approved(
                    rs.getString("approver"),
                    PlanJson.readValue(rs.getString("claims_json"), ConfirmationToken.class)))
        .list();
  }
}
