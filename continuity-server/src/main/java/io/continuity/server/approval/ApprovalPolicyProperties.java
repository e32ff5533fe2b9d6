package io.continuity.server.approval;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Overrides of {@link ApprovalPolicy#defaults()} under {@code continuity.approval.*}; every
 * property left out keeps its default.
 *
 * @param tier1Approvals distinct approvals a tier-1 request needs (default 2)
 * @param tier2Approvals distinct approvals a tier-2 request needs (default 1)
 * @param pendingApprovalTtl how long a request waits for approvals (default PT24H)
 * @param approvedNotStartedTtl how long an approved request waits to be started (default PT4H)
 * @param tier1TicketRequired operation types that need a change ticket on tier 1 (default FAILOVER,
 *     SWITCHOVER, FAILBACK)
 * @param tier2TicketRequired operation types that need a change ticket on tier 2 (default none)
 * @param changeTicketPattern regular expression every change ticket must match (default none)
 * @param confirmerMayBeApprover whether an approver may confirm the start (default false)
 * @param expiryCheckInterval how often the expiry job looks for requests past their window (default
 *     PT1M)
 */
@ConfigurationProperties("continuity.approval")
public record ApprovalPolicyProperties(
    Integer tier1Approvals,
    Integer tier2Approvals,
    Duration pendingApprovalTtl,
    Duration approvedNotStartedTtl,
    Set<OperationType> tier1TicketRequired,
    Set<OperationType> tier2TicketRequired,
    String changeTicketPattern,
    Boolean confirmerMayBeApprover,
    Duration expiryCheckInterval) {

  /** The defaults with every configured override applied. */
  public ApprovalPolicy toPolicy() {
    ApprovalPolicy policy = ApprovalPolicy.defaults();
    try {
      if (tier1Approvals != null) {
        policy = policy.withApprovalsRequired(Tier.TIER_1, tier1Approvals);
      }
      if (tier2Approvals != null) {
        policy = policy.withApprovalsRequired(Tier.TIER_2, tier2Approvals);
      }
      if (pendingApprovalTtl != null) {
        policy = policy.withPendingApprovalTtl(pendingApprovalTtl);
      }
      if (approvedNotStartedTtl != null) {
        policy = policy.withApprovedNotStartedTtl(approvedNotStartedTtl);
      }
      if (tier1TicketRequired != null) {
        policy = policy.withChangeTicketRequired(Tier.TIER_1, tier1TicketRequired);
      }
      if (tier2TicketRequired != null) {
        policy = policy.withChangeTicketRequired(Tier.TIER_2, tier2TicketRequired);
      }
      if (changeTicketPattern != null && !changeTicketPattern.isBlank()) {
        policy = policy.withChangeTicketPattern(changeTicketPattern);
      }
      if (confirmerMayBeApprover != null) {
        policy = policy.withConfirmerMayBeApprover(confirmerMayBeApprover);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "continuity.approval is not a valid approval policy: " + e.getMessage(), e);
    }
    return policy;
  }
}
