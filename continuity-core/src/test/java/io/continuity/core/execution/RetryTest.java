package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.VIEWER;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.failed;
import static io.continuity.core.execution.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.RequestCreated;
import io.continuity.core.inventory.Tier;
import org.junit.jupiter.api.Test;

class RetryTest {

  @Test
  void retryIsNewRequestWithFreshApprovals() {
    ExecutionRequest failed = failed();

    ExecutionRequest retry =
        failed.retry("req-2", OTHER_OPERATOR, "standby fixed, try again", POLICY, at(60));

    assertThat(retry.id()).isEqualTo("req-2");
    assertThat(retry.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(retry.snapshot().approvals()).isEmpty();
    assertThat(retry.snapshot().retryOf()).contains("req-1");
    assertThat(retry.snapshot().createdBy()).isEqualTo("oscar");
    assertThat(retry.snapshot().scope()).isEqualTo(failed.snapshot().scope());
    assertThat(retry.snapshot().changeTicket()).contains("CHG-1042");
    assertThat(retry.version()).isEqualTo(1);
    assertThat(retry.pendingEvents())
        .singleElement()
        .isInstanceOfSatisfying(
            RequestCreated.class,
            created -> assertThat(created.details()).containsEntry("retryOf", "req-1"));
  }

  @Test
  void failedRequestStaysFailedAndUntouchedByRetry() {
    ExecutionRequest failed = failed();
    var before = failed.snapshot();
    var eventsBefore = failed.pendingEvents();

    failed.retry("req-2", OTHER_OPERATOR, "try again", POLICY, at(60));

    assertThat(failed.snapshot()).isEqualTo(before);
    assertThat(failed.pendingEvents()).isEqualTo(eventsBefore);
  }

  @Test
  void onlyFailedRequestCanBeRetried() {
    ExecutionRequest running = running();

    assertRefusedUnchanged(
        running,
        () -> running.retry("req-2", OTHER_OPERATOR, "again", POLICY, at(9)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void retryFollowsCreationRules() {
    ExecutionRequest failed = failed();

    assertThatThrownBy(() -> failed.retry("req-2", VIEWER, "again", POLICY, at(60)))
        .isInstanceOfSatisfying(
            SeparationOfDutiesException.class,
            e -> {
              assertThat(e.rule()).isEqualTo(RefusalRule.ROLE_REQUIRED);
              assertThat(e.requestId()).isEqualTo("req-1");
              assertThat(e.action()).isEqualTo("retry");
            });
    assertRefusedUnchanged(
        failed,
        () -> failed.retry("req-2", OTHER_OPERATOR, " ", POLICY, at(60)),
        RefusalRule.REASON_REQUIRED);
  }

  @Test
  void retryNeedsDifferentId() {
    ExecutionRequest failed = failed();

    assertThatThrownBy(() -> failed.retry("req-1", OTHER_OPERATOR, "again", POLICY, at(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a new, different id");
  }

  @Test
  void retryIsJudgedByTheCurrentPolicy() {
    ExecutionRequest failed = failed();
    var stricter = POLICY.withApprovalsRequired(Tier.TIER_1, 3);

    ExecutionRequest retry = failed.retry("req-2", OTHER_OPERATOR, "again", stricter, at(60));
    retry.approve(APPROVER, "ok", at(61));
    retry.approve(Fixtures.SECOND_APPROVER, "ok", at(62));

    assertThat(retry.snapshot().policy().approvalsRequired()).isEqualTo(3);
    assertThat(retry.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
  }
}
