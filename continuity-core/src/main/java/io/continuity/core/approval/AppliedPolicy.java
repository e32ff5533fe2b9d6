package io.continuity.core.approval;

import java.time.Duration;
import java.util.Objects;

/**
 * The approval policy as it applied to one request, frozen when the request was created so that a
 * later policy change never alters a request already in flight. Stored with the request.
 *
 * @param approvalsRequired distinct approvals needed before the request is approved (0 approves it
 *     at creation)
 * @param pendingApprovalTtl how long a request may wait for approvals before it expires (Rejected)
 * @param approvedNotStartedTtl how long an approved request may wait to be started before it
 *     expires (Cancelled), counted from approval
 * @param confirmerMayBeApprover whether one of the approvers may also confirm the start
 */
public record AppliedPolicy(
    int approvalsRequired,
    Duration pendingApprovalTtl,
    Duration approvedNotStartedTtl,
    boolean confirmerMayBeApprover) {

  public AppliedPolicy {
    Objects.requireNonNull(pendingApprovalTtl, "pendingApprovalTtl");
    Objects.requireNonNull(approvedNotStartedTtl, "approvedNotStartedTtl");
    if (approvalsRequired < 0 || approvalsRequired > ApprovalPolicy.MAX_APPROVALS) {
      throw new IllegalArgumentException(
          "approvals required must be between 0 and "
              + ApprovalPolicy.MAX_APPROVALS
              + ", not "
              + approvalsRequired);
    }
    ApprovalPolicy.requirePositive("pendingApprovalTtl", pendingApprovalTtl);
    ApprovalPolicy.requirePositive("approvedNotStartedTtl", approvedNotStartedTtl);
  }
}
