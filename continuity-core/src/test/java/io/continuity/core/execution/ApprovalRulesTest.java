package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.SECOND_APPROVER;
import static io.continuity.core.execution.Fixtures.SYSTEM;
import static io.continuity.core.execution.Fixtures.T0;
import static io.continuity.core.execution.Fixtures.VIEWER;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.pending;
import static io.continuity.core.execution.Fixtures.running;
import static io.continuity.core.execution.Fixtures.tier2Drill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.approval.Decision;
import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.ApprovalDenied;
import io.continuity.core.audit.ApprovalGranted;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

  @Test
  void requesterCannotApproveOwnRequest() {
    Actor requesterWhoApproves = Actor.person("olivia", Role.OPERATOR, Role.APPROVER);
    ExecutionRequest request =
        ExecutionRequest.create(Fixtures.tier1Failover("req-1"), requesterWhoApproves, POLICY, T0);

    assertRefusedUnchanged(
        request,
        () -> request.approve(requesterWhoApproves, "fine by me", at(1)),
        RefusalRule.REQUESTER_NEVER_APPROVES);
  }

  @Test
  void requesterCannotRejectOwnRequest() {
    Actor requesterWhoApproves = Actor.person("olivia", Role.OPERATOR, Role.APPROVER);
    ExecutionRequest request =
        ExecutionRequest.create(Fixtures.tier1Failover("req-1"), requesterWhoApproves, POLICY, T0);

    assertRefusedUnchanged(
        request,
        () -> request.reject(requesterWhoApproves, "changed my mind", at(1)),
        RefusalRule.REQUESTER_NEVER_APPROVES);
  }

  @Test
  void onePersonNeverCountsAsTwoApprovals() {
    ExecutionRequest request = pending();
    request.approve(APPROVER, "ok", at(1));

    assertRefusedUnchanged(
        request,
        () -> request.approve(APPROVER, "really ok", at(2)),
        RefusalRule.ONE_DECISION_PER_PERSON);
    assertThat(request.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(request.snapshot().approvalsReceived()).isEqualTo(1);
  }

  @Test
  void approverWhoApprovedCannotThenReject() {
    ExecutionRequest request = pending();
    request.approve(APPROVER, "ok", at(1));

    assertRefusedUnchanged(
        request,
        () -> request.reject(APPROVER, "second thoughts", at(2)),
        RefusalRule.ONE_DECISION_PER_PERSON);
  }

  @Test
  void adminWithoutApproverRoleCannotApprove() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.approve(ADMIN, "ok", at(1)), RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void viewerCannotApprove() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.approve(VIEWER, "ok", at(1)), RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void controlPlaneCannotApprove() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.approve(SYSTEM, "ok", at(1)), RefusalRule.PERSON_REQUIRED);
  }

  @Test
  void firstOfTwoRequiredApprovalsKeepsRequestPending() {
    ExecutionRequest request = pending();

    ApprovalGranted granted = request.approve(APPROVER, " looks right ", at(1));

    assertThat(request.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(granted.reason()).isEqualTo("looks right");
    assertThat(granted.details())
        .containsEntry("approvalsReceived", "1")
        .containsEntry("approvalsRequired", "2")
        .containsEntry("state", "PENDING_APPROVAL");
    assertThat(request.version()).isEqualTo(2);
  }

  @Test
  void secondDistinctApprovalSatisfiesTier1Policy() {
    ExecutionRequest request = pending();
    request.approve(APPROVER, "ok", at(1));

    ApprovalGranted granted = request.approve(SECOND_APPROVER, "", at(2));

    assertThat(request.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(granted.details()).containsEntry("state", "APPROVED");
    assertThat(request.snapshot().stateEnteredAt()).containsEntry(ExecutionState.APPROVED, at(2));
    assertThat(request.snapshot().approvals())
        .extracting(a -> a.actor())
        .containsExactly("alice", "bob");
  }

  @Test
  void singleApprovalSatisfiesTier2Policy() {
    ExecutionRequest request = ExecutionRequest.create(tier2Drill("req-2"), OPERATOR, POLICY, T0);

    request.approve(APPROVER, "ok", at(1));

    assertThat(request.state()).isEqualTo(ExecutionState.APPROVED);
  }

  @Test
  void approvalOfRunningRequestSaysWhenApprovalsAreAccepted() {
    ExecutionRequest request = running();

    assertThatThrownBy(() -> request.approve(Actor.person("dora", Role.APPROVER), "late", at(9)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage(
            "cannot approve: request req-1 is RUNNING, approvals are accepted only while"
                + " PENDING_APPROVAL");
  }

  @Test
  void rejectionEndsRequestAndRecordsDecision() {
    ExecutionRequest request = pending();

    ApprovalDenied denied = request.reject(APPROVER, "no change window today", at(1));

    assertThat(request.state()).isEqualTo(ExecutionState.REJECTED);
    assertThat(denied.type()).isEqualTo("APPROVAL_DENIED");
    assertThat(denied.reason()).isEqualTo("no change window today");
    assertThat(request.snapshot().approvals())
        .singleElement()
        .satisfies(a -> assertThat(a.decision()).isEqualTo(Decision.REJECTED));
  }

  @Test
  void rejectionNeedsComment() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.reject(APPROVER, " ", at(1)), RefusalRule.REASON_REQUIRED);
  }

  @Test
  void approvalAfterApprovalWindowClosedIsRefused() {
    ExecutionRequest request = pending();
    var lateBy = T0.plus(Duration.ofHours(24));

    assertThatThrownBy(() -> request.approve(APPROVER, "sorry, late", lateBy))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> assertThat(e.rule()).isEqualTo(RefusalRule.APPROVAL_WINDOW_CLOSED))
        .hasMessageContaining("it can only expire now");
    assertThat(request.snapshot().approvals()).isEmpty();
  }

  @Test
  void refusedApprovalNamesRuleActorAndRequest() {
    ExecutionRequest request = pending();

    assertThatThrownBy(() -> request.approve(ADMIN, "ok", at(1)))
        .isInstanceOfSatisfying(
            SeparationOfDutiesException.class,
            e -> {
              assertThat(e.requestId()).isEqualTo("req-1");
              assertThat(e.actorId()).isEqualTo("adam");
              assertThat(e.action()).isEqualTo("approve");
            });
  }
}
