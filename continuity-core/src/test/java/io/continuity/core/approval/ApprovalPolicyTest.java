package io.continuity.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

  private final ApprovalPolicy defaults = ApprovalPolicy.defaults();

  @Test
  void defaultsNeedTwoApprovalsForTier1AndOneForTier2() {
    assertThat(defaults.approvalsRequired(Tier.TIER_1)).isEqualTo(2);
    assertThat(defaults.approvalsRequired(Tier.TIER_2)).isEqualTo(1);
  }

  @Test
  void defaultsRequireChangeTicketForTier1RoleChangesOnly() {
    assertThat(defaults.changeTicketRequired(Tier.TIER_1, OperationType.FAILOVER)).isTrue();
    assertThat(defaults.changeTicketRequired(Tier.TIER_1, OperationType.SWITCHOVER)).isTrue();
    assertThat(defaults.changeTicketRequired(Tier.TIER_1, OperationType.FAILBACK)).isTrue();
    assertThat(defaults.changeTicketRequired(Tier.TIER_1, OperationType.DRILL)).isFalse();
    assertThat(defaults.changeTicketRequired(Tier.TIER_2, OperationType.FAILOVER)).isFalse();
  }

  @Test
  void defaultsExpirePendingAfter24HoursAndApprovedAfter4HoursAndKeepConfirmerApart() {
    assertThat(defaults.pendingApprovalTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.approvedNotStartedTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(defaults.confirmerMayBeApprover()).isFalse();
  }

  @Test
  void blankTicketCountsAsMissing() {
    assertThat(defaults.changeTicketProblem(Tier.TIER_1, OperationType.FAILOVER, Optional.of("  ")))
        .hasValueSatisfying(
            p -> assertThat(p.rule()).isEqualTo(RefusalRule.CHANGE_TICKET_REQUIRED));
    assertThat(defaults.changeTicketProblem(Tier.TIER_2, OperationType.FAILOVER, Optional.empty()))
        .isEmpty();
  }

  @Test
  void ticketPatternRefusesMalformedTicketEvenWhereNoneIsRequired() {
    ApprovalPolicy strict = defaults.withChangeTicketPattern("CHG[0-9]{6}");

    assertThat(
            strict.changeTicketProblem(
                Tier.TIER_1, OperationType.FAILOVER, Optional.of("CHG000123")))
        .isEmpty();
    assertThat(strict.changeTicketProblem(Tier.TIER_2, OperationType.DRILL, Optional.of("chg-1")))
        .hasValueSatisfying(p -> assertThat(p.rule()).isEqualTo(RefusalRule.CHANGE_TICKET_FORMAT));
  }

  @Test
  void invalidTicketPatternIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> defaults.withChangeTicketPattern("CHG[0-9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid regular expression");
  }

  @Test
  void everyTierNeedsAnApprovalCount() {
    assertThatThrownBy(
            () ->
                new ApprovalPolicy(
                    Map.of(Tier.TIER_1, 2),
                    Map.of(),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    false,
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier 2");
  }

  @Test
  void approvalCountMustBeSensible() {
    assertThatThrownBy(() -> defaults.withApprovalsRequired(Tier.TIER_1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withApprovalsRequired(Tier.TIER_1, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 10");
  }

  @Test
  void timeToLiveMustBePositive() {
    assertThatThrownBy(() -> defaults.withPendingApprovalTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pendingApprovalTtl must be positive");
    assertThatThrownBy(() -> defaults.withApprovedNotStartedTtl(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policyAppliedToARequestFreezesItsValues() {
    ApprovalPolicy custom =
        defaults
            .withApprovalsRequired(Tier.TIER_2, 3)
            .withPendingApprovalTtl(Duration.ofHours(2))
            .withApprovedNotStartedTtl(Duration.ofMinutes(30))
            .withConfirmerMayBeApprover(true)
            .withChangeTicketRequired(Tier.TIER_2, Set.of(OperationType.DRILL));

    AppliedPolicy applied = custom.forRequest(Tier.TIER_2, OperationType.DRILL);

    assertThat(applied)
        .isEqualTo(new AppliedPolicy(3, Duration.ofHours(2), Duration.ofMinutes(30), true));
    assertThat(custom.changeTicketRequired(Tier.TIER_2, OperationType.DRILL)).isTrue();
  }
}
