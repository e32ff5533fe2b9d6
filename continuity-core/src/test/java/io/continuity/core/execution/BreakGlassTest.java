package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.BREAK_GLASS;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.pending;
import static io.continuity.core.execution.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.audit.BreakGlassInvoked;
import io.continuity.core.audit.ExecutionStarted;
import io.continuity.core.audit.PostIncidentReviewed;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BreakGlassTest {

  @Test
  void breakGlassSkipsApprovalsAndIsAudited() {
    ExecutionRequest request = pending();

    BreakGlassInvoked invoked =
        request.breakGlass(BREAK_GLASS, "approvers unreachable, site down", "INC-77", at(1));

    assertThat(request.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(invoked.actor()).isEqualTo("bree");
    assertThat(invoked.reason()).isEqualTo("approvers unreachable, site down");
    assertThat(invoked.details())
        .containsEntry("incidentRef", "INC-77")
        .containsEntry("approvalsReceived", "0")
        .containsEntry("approvalsRequired", "2");
    assertThat(request.snapshot().needsPostIncidentReview()).isTrue();
  }

  @Test
  void breakGlassNeverSkipsConfirmation() {
    ExecutionRequest request = pending();
    request.breakGlass(BREAK_GLASS, "site down", "INC-77", at(1));

    assertRefusedUnchanged(
        request, () -> request.confirmStart(BREAK_GLASS, at(2)), RefusalRule.ILLEGAL_TRANSITION);

    request.presentConfirmation(BREAK_GLASS, at(2));
    ExecutionStarted started = request.confirmStart(BREAK_GLASS, at(3));
    assertThat(started.details()).containsEntry("breakGlass", "true");
    assertThat(request.state()).isEqualTo(ExecutionState.RUNNING);
  }

  @Test
  void onCallPersonMayRequestInvokeAndHaveSomeoneElseReview() {
    Actor onCall = Actor.person("bree", Role.OPERATOR, Role.BREAK_GLASS);
    ExecutionRequest request =
        ExecutionRequest.create(Fixtures.tier1Failover("req-1"), onCall, Fixtures.POLICY, at(0));
    request.breakGlass(onCall, "site down, approvers asleep", "INC-77", at(1));
    request.presentConfirmation(onCall, at(2));
    request.confirmStart(onCall, at(3));
    request.run().succeed(at(4));

    request.reviewPostIncident(APPROVER, "justified", at(30));

    assertThat(request.snapshot().needsPostIncidentReview()).isFalse();
  }

  @Test
  void breakGlassNeedsBreakGlassRole() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request,
        () -> request.breakGlass(ADMIN, "site down", "INC-77", at(1)),
        RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void breakGlassNeedsJustification() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request,
        () -> request.breakGlass(BREAK_GLASS, " ", "INC-77", at(1)),
        RefusalRule.BREAK_GLASS_JUSTIFICATION_REQUIRED);
  }

  @Test
  void breakGlassNeedsIncidentReference() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request,
        () -> request.breakGlass(BREAK_GLASS, "site down", null, at(1)),
        RefusalRule.BREAK_GLASS_JUSTIFICATION_REQUIRED);
  }

  @Test
  void breakGlassOnlyWhileApprovalsAreAwaited() {
    ExecutionRequest request = running();

    assertRefusedUnchanged(
        request,
        () -> request.breakGlass(BREAK_GLASS, "site down", "INC-77", at(9)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void breakGlassInvokerNeverReviewsOwnUse() {
    Actor invokerWhoApproves = Actor.person("bree", Role.BREAK_GLASS, Role.APPROVER);
    ExecutionRequest request = endedBreakGlassRun(invokerWhoApproves);

    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(invokerWhoApproves, "all fine", at(20)),
        RefusalRule.REVIEWER_MUST_BE_UNINVOLVED);
  }

  @Test
  void confirmerNeverReviewsTheBreakGlass() {
    Actor confirmingAdmin = Actor.person("adam", Role.ADMIN);
    ExecutionRequest request = pending();
    request.breakGlass(BREAK_GLASS, "site down", "INC-77", at(1));
    request.presentConfirmation(confirmingAdmin, at(2));
    request.confirmStart(confirmingAdmin, at(3));
    request.run().succeed(at(4));

    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(confirmingAdmin, "fine", at(20)),
        RefusalRule.REVIEWER_MUST_BE_UNINVOLVED);
  }

  @Test
  void operatorWithoutReviewingRoleCannotReview() {
    ExecutionRequest request = endedBreakGlassRun(BREAK_GLASS);

    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(OTHER_OPERATOR, "fine", at(20)),
        RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void uninvolvedApproverReviewsOnceAfterTheEnd() {
    ExecutionRequest request = endedBreakGlassRun(BREAK_GLASS);
    ExecutionState end = request.state();

    PostIncidentReviewed reviewed =
        request.reviewPostIncident(APPROVER, "justified: site was down 40 min", at(20));

    assertThat(reviewed.details()).containsEntry("breakGlassInvoker", "bree");
    assertThat(request.state()).isEqualTo(end);
    assertThat(request.snapshot().needsPostIncidentReview()).isFalse();
    assertThat(request.snapshot().breakGlass().orElseThrow().review().orElseThrow().reviewer())
        .isEqualTo("alice");
    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(ADMIN, "again", at(21)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void breakGlassIsReviewedOnlyOnceRequestHasEnded() {
    ExecutionRequest request = pending();
    request.breakGlass(BREAK_GLASS, "site down", "INC-77", at(1));

    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(APPROVER, "fine", at(2)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void requestWithoutBreakGlassHasNothingToReview() {
    ExecutionRequest request = running();
    request.run().succeed(at(9));

    assertRefusedUnchanged(
        request,
        () -> request.reviewPostIncident(ADMIN, "fine", at(10)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  private static ExecutionRequest endedBreakGlassRun(Actor invoker) {
    ExecutionRequest request = pending();
    request.breakGlass(invoker, "site down", "INC-77", at(1));
    request.presentConfirmation(OPERATOR, at(2));
    request.confirmStart(OPERATOR, at(3));
    request.run().fail("promotion timed out", Optional.empty(), at(4));
    return request;
  }
}
