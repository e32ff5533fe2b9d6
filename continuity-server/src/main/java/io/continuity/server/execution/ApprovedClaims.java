package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.identity.Actor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each approver approved ({@code execution_approval_claims}): the claims ({@link
 * ConfirmationToken}: primaries, DR markers, plan hash) at the moment of their approval, stored in
 * the approval's transaction. At confirmation the claims now must still match every approver's, so
 * no one confirms a plan or a topology nobody approved.
 */
@Component
class ApprovedClaims implements ApprovalWitness {

  private static final Logger log = LoggerFactory.getLogger(ApprovedClaims.class);

  private final ConfirmationClaims claims;
  private final JdbcClient jdbc;
  private final Clock clock;

  ApprovedClaims(ConfirmationClaims claims, JdbcClient jdbc, Clock clock) {
    this.claims = claims;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Runnable witness(ExecutionRequestSnapshot request, Actor approver) {
    String seen;
    try {
      seen = PlanJson.writeValue(claims.now(request));
    } catch (RuntimeException e) {
      // The approval is judged by the aggregate either way; without claims nothing is compared.
      log.warn(
          "Could not record what {} saw approving {}: {}",
          approver.id(),
          request.id(),
          e.toString());
      return () -> {};
    }
    return () ->
        jdbc.sql(
                "insert into execution_approval_claims (execution_id, approver, claims_json,"
                    + " approved_at) select :id, :approver, :claims, :at where not exists (select 1"
                    + " from execution_approval_claims where execution_id = :id and approver ="
                    + " :approver)")
            .param("id", request.id())
            .param("approver", approver.id())
            .param("claims", seen)
            .param("at", SnapshotColumns.time(clock.instant()))
            .update();
  }

  /**
   * What changed since each approver approved, each line naming the approver; empty when the claims
   * now match every approval (or the request had no approvals, as after a break-glass).
   */
  List<String> changesSince(ExecutionRequestSnapshot request, ConfirmationToken now) {
    List<String> changes = new ArrayList<>();
    List<Approved> approvals =
        jdbc.sql(
                "select approver, claims_json from execution_approval_claims where execution_id ="
                    + " :id order by approved_at, approver")
            .param("id", request.id())
            .query(
                (rs, row) ->
                    new Approved(
                        rs.getString("approver"),
                        PlanJson.readValue(rs.getString("claims_json"), ConfirmationToken.class)))
            .list();
    for (Approved approved : approvals) {
      for (String change : approved.claims().changesSinceApproval(now)) {
        changes.add("since " + approved.approver() + " approved: " + change);
      }
    }
    return changes;
  }

  private record Approved(String approver, ConfirmationToken claims) {}
}
