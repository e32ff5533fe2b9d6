package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.ADMIN;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static io.continuity.core.execution.Fixtures.at;
import static io.continuity.core.execution.Fixtures.ready;
import static io.continuity.core.execution.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.audit.AuditEvent;
import io.continuity.core.audit.ExecutionFailed;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunProgressTest {

  @Test
  void stepsAndChecksOfASuccessfulRunAreEachAudited() {
    ExecutionRequest request = running();
    request.drainEvents();
    RunProgress run = request.run();

    run.recordPrecheck("replica-caught-up", true, "lag 0 bytes", at(5));
    run.recordStepStarted("promote-standby", at(6));
    run.recordStepCompleted("promote-standby", "promoted", at(7));
    run.recordPostcheck("writes-accepted", true, "insert ok", at(8));
    run.succeed(at(9));

    assertThat(request.state()).isEqualTo(ExecutionState.SUCCEEDED);
    assertThat(request.drainEvents())
        .extracting(AuditEvent::type)
        .containsExactly(
            "PRECHECK_RESULT",
            "STEP_STARTED",
            "STEP_COMPLETED",
            "POSTCHECK_RESULT",
            "EXECUTION_SUCCEEDED");
    assertThat(request.snapshot().completedSteps()).containsExactly("promote-standby");
    assertThat(request.pendingEvents()).isEmpty();
  }

  @Test
  void stepEventsAreRecordedByTheEngine() {
    ExecutionRequest request = running();

    var started = request.run().recordStepStarted("promote-standby", at(5));

    assertThat(started.actor()).isEqualTo("system:execution-engine");
    assertThat(started.details()).containsEntry("stepId", "promote-standby");
  }

  @Test
  void secondStepCannotStartWhileOneIsInProgress() {
    ExecutionRequest request = running();
    request.run().recordStepStarted("fence-primary", at(5));

    assertRefusedUnchanged(
        request,
        () -> request.run().recordStepStarted("promote-standby", at(6)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void onlyTheStepInProgressCanComplete() {
    ExecutionRequest request = running();
    request.run().recordStepStarted("fence-primary", at(5));

    assertThatThrownBy(() -> request.run().recordStepCompleted("promote-standby", "", at(6)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("has step fence-primary in progress, not promote-standby");
  }

  @Test
  void stepsAreRecordedOnlyWhileRunning() {
    ExecutionRequest request = ready();

    assertRefusedUnchanged(
        request,
        () -> request.run().recordStepStarted("promote-standby", at(5)),
        RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void runWithFailedPostcheckCannotSucceed() {
    ExecutionRequest request = running();
    request.run().recordPostcheck("writes-accepted", false, "read-only", at(5));

    assertRefusedUnchanged(request, () -> request.run().succeed(at(6)), RefusalRule.CHECKS_FAILED);
  }

  @Test
  void runCannotSucceedWithStepInProgress() {
    ExecutionRequest request = running();
    request.run().recordStepStarted("promote-standby", at(5));

    assertRefusedUnchanged(
        request, () -> request.run().succeed(at(6)), RefusalRule.ILLEGAL_TRANSITION);
  }

  @Test
  void failureRecordsReasonAndStep() {
    ExecutionRequest request = running();
    request.run().recordStepStarted("promote-standby", at(5));

    ExecutionFailed failed =
        request.run().fail("step timed out after 60 s", Optional.of("promote-standby"), at(6));

    assertThat(request.state()).isEqualTo(ExecutionState.FAILED);
    assertThat(failed.details()).containsEntry("stepId", "promote-standby");
    assertThat(request.snapshot().failure().orElseThrow().reason())
        .isEqualTo("step timed out after 60 s");
    assertThat(request.snapshot().currentStep()).isEmpty();
  }

  @Test
  void failedRunStaysFailed() {
    ExecutionRequest request = Fixtures.failed();

    assertRefusedUnchanged(
        request, () -> request.run().succeed(at(9)), RefusalRule.ILLEGAL_TRANSITION);
    assertRefusedUnchanged(
        request, () -> request.cancel(ADMIN, "cleanup", at(9)), RefusalRule.ILLEGAL_TRANSITION);
    assertRefusedUnchanged(
        request, () -> request.expire(at(100_000)), RefusalRule.ILLEGAL_TRANSITION);
  }
}
