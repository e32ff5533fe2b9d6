package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.SYSTEM;
import static io.continuity.core.execution.Fixtures.T0;
import static io.continuity.core.execution.Fixtures.approved;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.pending;
import static io.continuity.core.execution.Fixtures.ready;
import static io.continuity.core.execution.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.audit.RequestCancelled;
import io.continuity.core.audit.RequestExpired;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryAndCancellationTest {

  private static final Instant APPROVAL_DEADLINE = T0.plus(Duration.ofHours(24));
  // approved at minute 2, start window of 4 h
  private static final Instant START_DEADLINE = at(2).plus(Duration.ofHours(4));

  @Test
  void pendingRequestExpiresAsRejectedOnceApprovalWindowCloses() {
    ExecutionRequest request = pending();

    RequestExpired expired = request.expire(APPROVAL_DEADLINE);

    assertThat(request.state()).isEqualTo(ExecutionState.REJECTED);
    assertThat(expired.actor()).isEqualTo("system:approval-expiry");
    assertThat(expired.details())
        .containsEntry("fromState", "PENDING_APPROVAL")
        .containsEntry("toState", "REJECTED")
        .containsEntry("deadline", APPROVAL_DEADLINE.toString());
  }

  @Test
  void pendingRequestDoesNotExpireBeforeItsWindowCloses() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request,
        () -> request.expire(APPROVAL_DEADLINE.minusSeconds(1)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void approvedRequestNotStartedInTimeExpiresAsCancelled() {
    ExecutionRequest request = approved();
    assertThat(request.snapshot().expiresAt()).contains(START_DEADLINE);

    request.expire(START_DEADLINE);

    assertThat(request.state()).isEqualTo(ExecutionState.CANCELLED);
  }

  @Test
  void requestReadyToStartButNeverConfirmedExpiresAsCancelled() {
    ExecutionRequest request = ready();

    RequestExpired expired = request.expire(START_DEADLINE.plusSeconds(60));

    assertThat(request.state()).isEqualTo(ExecutionState.CANCELLED);
    assertThat(expired.details()).containsEntry("fromState", "READY_TO_START");
  }

  @Test
  void startWindowIsCountedFromApprovalNotFromCreation() {
    ExecutionRequest request = pending();
    request.approve(APPROVER, "ok", at(600));
    request.approve(Fixtures.SECOND_APPROVER, "ok", at(700));

    assertThat(request.snapshot().startDeadline()).contains(at(700).plus(Duration.ofHours(4)));
  }

  @Test
  void runningRequestNeverExpires() {
    ExecutionRequest request = running();

    assertRefusedUnchanged(
        request,
        () -> request.expire(T0.plus(Duration.ofDays(30))),
        RefusalRule.ILLEGAL_TRANSITION);
    assertThat(request.snapshot().expiresAt()).isEmpty();
  }

  @Test
  void requesterCancelsOwnPendingRequest() {
    ExecutionRequest request = pending();

    RequestCancelled cancelled = request.cancel(OPERATOR, "power is back", at(5));

    assertThat(request.state()).isEqualTo(ExecutionState.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("power is back");
    assertThat(cancelled.details()).containsEntry("fromState", "PENDING_APPROVAL");
  }

  @Test
  void adminCancelsSomeoneElsesApprovedRequest() {
    ExecutionRequest request = approved();

    request.cancel(ADMIN, "duplicate of req-0", at(5));

    assertThat(request.state()).isEqualTo(ExecutionState.CANCELLED);
  }

  @Test
  void anotherOperatorCannotCancelSomeoneElsesRequest() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request,
        () -> request.cancel(OTHER_OPERATOR, "not needed", at(5)),
        RefusalRule.ROLE_REQUIRED);
  }

  @Test
  void controlPlaneCannotCancel() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.cancel(SYSTEM, "cleanup", at(5)), RefusalRule.PERSON_REQUIRED);
  }

  @Test
  void cancellationNeedsReason() {
    ExecutionRequest request = pending();

    assertRefusedUnchanged(
        request, () -> request.cancel(OPERATOR, "", at(5)), RefusalRule.REASON_REQUIRED);
  }

  @Test
  void runningRequestCannotBeCancelled() {
    ExecutionRequest request = running();

    assertRefusedUnchanged(
        request, () -> request.cancel(ADMIN, "stop it", at(9)), RefusalRule.ILLEGAL_TRANSITION);
  }
}
