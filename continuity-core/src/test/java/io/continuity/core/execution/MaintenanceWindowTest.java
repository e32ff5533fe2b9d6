package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.OTHER_OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.SECOND_APPROVER;
import static io.continuity.core.execution.Fixtures.T0;
import static io.continuity.core.execution.Fixtures.assertRefusedUnchanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.identity.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Maintenance windows and scheduled drills (decision 029) in the aggregate. */
class MaintenanceWindowTest {

  static final Instant OPENS = T0.plus(Duration.ofDays(2));
  static final Instant CLOSES = OPENS.plus(Duration.ofHours(4));
  static final ExecutionWindow WINDOW = new ExecutionWindow(OPENS, CLOSES);

  static ExecutionDraft drill(String id, Optional<ExecutionWindow> window) {
    ExecutionDraft d = Fixtures.tier2Drill(id);
    return new ExecutionDraft(
        d.id(),
        d.type(),
        d.scope(),
        d.targetSite(),
        d.tier(),
        d.changeTicket(),
        d.reason(),
        window);
  }

  @Test
  void aWindowEndsBeforeItBegins() {
    assertThatThrownBy(() -> new ExecutionWindow(CLOSES, OPENS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecutionWindow(OPENS, OPENS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WINDOW.isOpen(OPENS)).isTrue();
    assertThat(WINDOW.isOpen(CLOSES)).as("notAfter is exclusive").isFalse();
  }

  @Test
  void theStartIsPresentedAndConfirmedOnlyInsideTheWindow() {
    ExecutionRequest request =
        ExecutionRequest.create(drill("EX-W1", Optional.of(WINDOW)), OPERATOR, POLICY, T0);
    request.approve(APPROVER, "ok", T0.plusSeconds(60));
    assertThat(request.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(request.snapshot().expiresAt()).contains(CLOSES);

    assertRefusedUnchanged(
        request,
        () -> request.presentConfirmation(OTHER_OPERATOR, OPENS.minusSeconds(1)),
        RefusalRule.OUTSIDE_MAINTENANCE_WINDOW);
    request.presentConfirmation(OTHER_OPERATOR, OPENS);
    assertRefusedUnchanged(
        request,
        () -> request.confirmStart(OTHER_OPERATOR, CLOSES),
        RefusalRule.OUTSIDE_MAINTENANCE_WINDOW);
    request.confirmStart(OTHER_OPERATOR, CLOSES.minusSeconds(1));
    assertThat(request.state()).isEqualTo(ExecutionState.RUNNING);
  }

  @Test
  void theDrillScheduleRequestsButNeverApproves() {
    ExecutionRequest scheduled =
        ExecutionRequest.schedule(drill("EX-W2", Optional.of(WINDOW)), POLICY, T0);
    assertThat(scheduled.snapshot().createdBy()).isEqualTo("system:drill-schedule");
    assertThat(scheduled.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertRefusedUnchanged(
        scheduled,
        () -> scheduled.approve(ExecutionRequest.DRILL_SCHEDULE, "me", T0),
        RefusalRule.PERSON_REQUIRED);
    scheduled.approve(SECOND_APPROVER, "ok", T0.plusSeconds(5));
    assertThat(scheduled.state()).isEqualTo(ExecutionState.APPROVED);
  }

  @Test
  void onlyAWindowedDrillIsScheduledAndNoOtherSystemActorRequests() {
    assertThatThrownBy(
            () -> ExecutionRequest.schedule(drill("EX-W3", Optional.empty()), POLICY, T0))
        .isInstanceOf(IllegalArgumentException.class);
    ExecutionDraft failover = Fixtures.tier1Failover("EX-W4");
    assertThatThrownBy(
            () ->
                ExecutionRequest.schedule(
                    new ExecutionDraft(
                        failover.id(),
                        failover.type(),
                        failover.scope(),
                        failover.targetSite(),
                        failover.tier(),
                        failover.changeTicket(),
                        failover.reason(),
                        Optional.of(WINDOW)),
                    POLICY,
                    T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ExecutionRequest.create(
                    drill("EX-W5", Optional.of(WINDOW)), Actor.system("scheduler"), POLICY, T0))
        .isInstanceOf(io.continuity.core.approval.CommandRefusedException.class);
  }
}
