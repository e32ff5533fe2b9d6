package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.APPROVING_OPERATOR;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.SECOND_APPROVER;
import static io.continuity.core.execution.Fixtures.SYSTEM;
import static io.continuity.core.execution.Fixtures.T0;
import static io.continuity.core.execution.Fixtures.VIEWER;
import static io.continuity.core.execution.Fixtures.approved;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.audit.ConfirmationPresented;
import io.continuity.core.audit.ExecutionStarted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

  @Test
  void approvedRequestCannotStartWithoutConfirmationBeingPresented() {
    ExecutionRequest request = approved();

    assertRefusedUnchanged(
        request, () -> request.confirmStart(OPERATOR, at(3)), RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void presentingConfirmationMovesToReadyToStartWithDeadline() {
    ExecutionRequest request = approved();

    ConfirmationPresented presented = request.presentConfirmation(OPERATOR, at(3));

    assertThat(request.state()).isEqualTo(ExecutionState.READY_TO_START);
    assertThat(presented.startDeadline()).isEqualTo(at(2).plus(Duration.ofHours(4)));
    assertThat(request.snapshot().presentedTo()).contains("olivia");
  }

  @Test
  void viewerIsNotPresentedTheConfirmation() {
    ExecutionRequest request = approved();

    assertRefusedUnchanged(
        request, () -> request.presentConfirmation(VIEWER, at(3)), RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void requesterMayConfirmStart() {
    ExecutionRequest request = ready();

    ExecutionStarted started = request.confirmStart(OPERATOR, at(4));

    assertThat(request.state()).isEqualTo(ExecutionState.RUNNING);
    assertThat(started.actor()).isEqualTo("olivia");
    assertThat(started.details())
        .containsEntry("breakGlass", "false")
        .containsEntry("approvalsReceived", "2");
    assertThat(request.snapshot().confirmedBy()).contains("olivia");
  }

  @Test
  void anotherOperatorOrAdminMayConfirmStart() {
    ExecutionRequest byOperator = ready();
    ExecutionRequest byAdmin = ready();

    byOperator.confirmStart(OTHER_OPERATOR, at(4));
    byAdmin.confirmStart(ADMIN, at(4));

    assertThat(byOperator.state()).isEqualTo(ExecutionState.RUNNING);
    assertThat(byAdmin.state()).isEqualTo(ExecutionState.RUNNING);
  }

  @Test
  void approverCannotConfirmStartOfRequestTheyApproved() {
    ExecutionRequest request =
        ExecutionRequest.create(Fixtures.tier1Failover("req-1"), OPERATOR, POLICY, T0);
    request.approve(APPROVING_OPERATOR, "ok", at(1));
    request.approve(SECOND_APPROVER, "ok", at(2));
    request.presentConfirmation(APPROVING_OPERATOR, at(3));

    assertRefusedUnchanged(
        request,
        () -> request.confirmStart(APPROVING_OPERATOR, at(4)),
        RefusalRule.CONFIRMER_NOT_APPROVER);
  }

  @Test
  void approverMayConfirmStartWhenPolicyAllowsIt() {
    var relaxed = POLICY.withConfirmerMayBeApprover(true);
    ExecutionRequest request =
        ExecutionRequest.create(Fixtures.tier1Failover("req-1"), OPERATOR, relaxed, T0);
    request.approve(APPROVING_OPERATOR, "ok", at(1));
    request.approve(SECOND_APPROVER, "ok", at(2));
    request.presentConfirmation(APPROVING_OPERATOR, at(3));

    request.confirmStart(APPROVING_OPERATOR, at(4));

    assertThat(request.snapshot().confirmedBy()).contains("carol");
  }

  @Test
  void approverWithoutOperatingRoleCannotConfirm() {
    ExecutionRequest request = ready();

    assertRefusedUnchanged(
        request, () -> request.confirmStart(APPROVER, at(4)), RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void viewerCannotConfirmStart() {
    ExecutionRequest request = ready();

    assertRefusedUnchanged(
        request, () -> request.confirmStart(VIEWER, at(4)), RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void nothingStartsUnattended() {
    ExecutionRequest request = ready();

    assertRefusedUnchanged(
        request, () -> request.confirmStart(SYSTEM, at(4)), RefusalRule.PERSON_REQUIRED);
    assertRefusedUnchanged(
        request,
        () -> request.confirmStart(ExecutionRequest.ENGINE, at(4)),
        RefusalRule.PERSON_REQUIRED);
  }

  @Test
  void confirmationAfterStartWindowClosedIsRefused() {
    ExecutionRequest request = ready();

    assertRefusedUnchanged(
        request,
        () -> request.confirmStart(OPERATOR, at(2).plus(Duration.ofHours(4))),
        RefusalRule.START_WINDOW_CLOSED);
  }

  @Test
  void restoredRequestLackingApprovalsCannotStart() {
    ExecutionRequestSnapshot ready = ready().snapshot();
    ExecutionRequestSnapshot tampered =
        new ExecutionRequestSnapshot(
            ready.id(),
            ready.type(),
            ready.scope(),
            ready.targetSite(),
            ready.tier(),
            ready.createdBy(),
            ready.createdAt(),
            ready.changeTicket(),
            ready.reason(),
            ready.policy(),
            ready.approvals().subList(0, 1),
            ready.state(),
            ready.stateEnteredAt(),
            ready.breakGlass(),
            ready.retryOf(),
            ready.presentedTo(),
            ready.confirmedBy(),
            ready.currentStep(),
            ready.completedSteps(),
            ready.failedChecks(),
            ready.failure(),
            ready.version(),
            ready.window());
    ExecutionRequest request = ExecutionRequest.restore(tampered);

    assertRefusedUnchanged(
        request, () -> request.confirmStart(OPERATOR, at(4)), RefusalRule.POLICY_NOT_SATISFIED);
  }
}
