package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.identity.Actor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each approver approved: the claims ({@link ConfirmationToken}: members, primaries, DR
 * markers, plan hash) at the moment of their approval, stored in the approval's transaction. At
 * confirmation the claims now must still match every approver's, so no one confirms a plan or a
 * topology nobody approved.
 */
@Component
class ApprovedClaims implements ApprovalWitness {

  private static final Logger log = LoggerFactory.getLogger(ApprovedClaims.class);

  private final ConfirmationClaims claims;
  private final ApprovedClaimsRepository repository;
  private final Clock clock;

  ApprovedClaims(ConfirmationClaims claims, ApprovedClaimsRepository repository, Clock clock) {
    this.claims = claims;
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public Runnable witness(ExecutionRequestSnapshot request, Actor approver) {
    ConfirmationToken seen;
    try {
      seen = claims.now(request);
    } catch (RuntimeException e) {
      // The approval is judged by the aggregate either way; without claims nothing is compared.
      log.warn(
          "Could not record what {} saw approving {}: {}",
          approver.id(),
          request.id(),
          e.toString());
      return () -> {};
    }
    return () -> repository.insertIfAbsent(request.id(), approver.id(), seen, clock.instant());
  }

  /**
   * What changed since each approver approved, each line naming the approver; empty when the claims
   * now match every approval (or the request had no approvals, as after a break-glass).
   */
  List<String> changesSince(ExecutionRequestSnapshot request, ConfirmationToken now) {
    List<String> changes = new ArrayList<>();
    for (ApprovedClaimsRepository.Approved approved : repository.of(request.id())) {
      for (String change : approved.claims().changesSinceApproval(now)) {
        changes.add("since " + approved.approver() + " approved: " + change);
      }
    }
    return changes;
  }
}
