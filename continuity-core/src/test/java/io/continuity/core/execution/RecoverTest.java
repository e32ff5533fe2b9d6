package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.VIEWER;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.failed;
import static io.continuity.core.execution.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.RequestCreated;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoverTest {

  private static ExecutionDraft draft(ExecutionRequest failed, String id, String target) {
    var s = failed.snapshot();
    return new ExecutionDraft(
        id, OperationType.SWITCHOVER, s.scope(), target, s.tier(), Optional.of("CHG-9"), "back");
  }

  @Test
  void aRollBackNeedsNoApprovalOnlyAConfirmationAndIsLinkedToTheFailedRun() {
    ExecutionRequest failed = failed();
    var before = failed.snapshot();

    ExecutionRequest back =
        failed.recover(draft(failed, "req-2", "site-a"), OTHER_OPERATOR, true, POLICY, at(60));

    assertThat(back.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(back.snapshot().policy().approvalsRequired()).isZero();
    assertThat(back.snapshot().retryOf()).contains("req-1");
    assertThat(back.pendingEvents())
        .singleElement()
        .isInstanceOfSatisfying(
            RequestCreated.class,
            created -> assertThat(created.details()).containsEntry("retryOf", "req-1"));
    assertThat(failed.snapshot()).isEqualTo(before);
  }

  @Test
  void aRollForwardNeedsTheUsualApprovals() {
    ExecutionRequest failed = failed();

    ExecutionRequest forward =
        failed.recover(draft(failed, "req-2", "site-b"), OTHER_OPERATOR, false, POLICY, at(60));

    assertThat(forward.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(forward.snapshot().policy().approvalsRequired())
        .isEqualTo(failed.snapshot().policy().approvalsRequired())
        .isPositive();
  }

  @Test
  void onlyAFailedRequestIsRecoveredAndOnlyByAnOperator() {
    ExecutionRequest running = running();
    assertRefusedUnchanged(
        running,
        () ->
            running.recover(draft(running, "req-2", "site-a"), OTHER_OPERATOR, true, POLICY, at(9)),
        RefusalRule.ILLEGAL_TRANSITION);
    ExecutionRequest failed = failed();
    assertThatThrownBy(
            () -> failed.recover(draft(failed, "req-2", "site-a"), VIEWER, true, POLICY, at(60)))
        .isInstanceOf(SeparationOfDutiesException.class);
    assertThatThrownBy(
            () ->
                failed.recover(
                    draft(failed, "req-1", "site-a"), OTHER_OPERATOR, true, POLICY, at(60)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
