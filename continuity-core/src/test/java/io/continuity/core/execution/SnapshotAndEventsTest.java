package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.AttemptDenied;
import org.junit.jupiter.api.Test;

class SnapshotAndEventsTest {

  @Test
  void restoredRequestEqualsTheSavedOneAndHasNoPendingEvents() {
    ExecutionRequest original = Fixtures.failed();

    ExecutionRequest restored = ExecutionRequest.restore(original.snapshot());

    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    assertThat(restored.pendingEvents()).isEmpty();
  }

  @Test
  void versionCountsEveryAuditEventTheRequestEmitted() {
    ExecutionRequest request = Fixtures.failed();

    assertThat(request.version()).isEqualTo(request.pendingEvents().size());
  }

  @Test
  void drainingEventsHandsThemOverOnce() {
    ExecutionRequest request = pending();

    assertThat(request.drainEvents()).hasSize(1);
    assertThat(request.drainEvents()).isEmpty();
    assertThat(request.version()).isEqualTo(1);
  }

  @Test
  void refusedCommandBecomesAttemptDeniedEventWithRule() {
    ExecutionRequest request = pending();
    SeparationOfDutiesException refusal =
        catchThrowableOfType(
            SeparationOfDutiesException.class, () -> request.approve(ADMIN, "ok", at(1)));

    AttemptDenied denied = DeniedAttempts.of(request.snapshot(), refusal, at(1));

    assertThat(denied.type()).isEqualTo("ATTEMPT_DENIED");
    assertThat(denied.actor()).isEqualTo("adam");
    assertThat(denied.executionId()).contains("req-1");
    assertThat(denied.resourceId()).contains("orders-db");
    assertThat(denied.changeTicket()).contains("CHG-1042");
    assertThat(denied.reason()).isEqualTo(refusal.getMessage());
    assertThat(denied.details())
        .containsEntry("action", "approve")
        .containsEntry("rule", "ROLE_REQUIRED");
  }

  @Test
  void refusedCreationBecomesAttemptDeniedEventForTheDraft() {
    ExecutionDraft draft = Fixtures.tier2Drill("req-9");
    SeparationOfDutiesException refusal =
        catchThrowableOfType(
            SeparationOfDutiesException.class,
            () -> ExecutionRequest.create(draft, Fixtures.VIEWER, Fixtures.POLICY, at(0)));

    AttemptDenied denied = DeniedAttempts.of(draft, refusal, at(0));

    assertThat(denied.executionId()).contains("req-9");
    assertThat(denied.details()).containsEntry("groupId", "billing");
    assertThat(denied.details()).containsEntry("action", "create");
  }
}
