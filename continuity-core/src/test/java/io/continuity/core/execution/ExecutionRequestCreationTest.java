package io.continuity.core.execution;

import static io.continuity.core.execution.Fixtures.APPROVER;
import static io.continuity.core.execution.Fixtures.BREAK_GLASS;
import static io.continuity.core.execution.Fixtures.OPERATOR;
import static io.continuity.core.execution.Fixtures.POLICY;
import static io.continuity.core.execution.Fixtures.SYSTEM;
import static io.continuity.core.execution.Fixtures.T0;
import static io.continuity.core.execution.Fixtures.VIEWER;
import static io.continuity.core.execution.Fixtures.tier1Failover;
import static io.continuity.core.execution.Fixtures.tier2Drill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.RequestCreated;
import io.continuity.core.inventory.Tier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionRequestCreationTest {

  @Test
  void operatorCreatesRequestThatWaitsForApprovalsWithOneAuditEvent() {
    ExecutionRequest request =
        ExecutionRequest.create(tier1Failover("req-1"), OPERATOR, POLICY, T0);

    assertThat(request.state()).isEqualTo(ExecutionState.PENDING_APPROVAL);
    assertThat(request.version()).isEqualTo(1);
    assertThat(request.snapshot().createdBy()).isEqualTo("olivia");
    assertThat(request.snapshot().policy().approvalsRequired()).isEqualTo(2);
    assertThat(request.snapshot().approvalDeadline()).contains(T0.plusSeconds(24 * 3600));
    assertThat(request.pendingEvents()).singleElement().isInstanceOf(RequestCreated.class);
    RequestCreated created = (RequestCreated) request.pendingEvents().get(0);
    assertThat(created.type()).isEqualTo("REQUEST_CREATED");
    assertThat(created.actor()).isEqualTo("olivia");
    assertThat(created.executionId()).contains("req-1");
    assertThat(created.resourceId()).contains("orders-db");
    assertThat(created.changeTicket()).contains("CHG-1042");
    assertThat(created.reason()).isEqualTo("primary site lost power");
    assertThat(created.details())
        .containsEntry("operation", "FAILOVER")
        .containsEntry("tier", "1")
        .containsEntry("state", "PENDING_APPROVAL")
        .containsEntry("approvalsRequired", "2");
  }

  @Test
  void viewerCannotCreateRequest() {
    assertThatThrownBy(() -> ExecutionRequest.create(tier1Failover("req-1"), VIEWER, POLICY, T0))
        .isInstanceOfSatisfying(
            SeparationOfDutiesException.class,
            e -> {
              assertThat(e.rule()).isEqualTo(RefusalRule.ROLE_REQUIRED);
              assertThat(e.actorId()).isEqualTo("victor");
              assertThat(e.action()).isEqualTo("create");
            })
        .hasMessageContaining("needs one of the roles");
  }

  @Test
  void approverWithoutOperatingRoleCannotCreateRequest() {
    assertThatThrownBy(() -> ExecutionRequest.create(tier1Failover("req-1"), APPROVER, POLICY, T0))
        .isInstanceOf(SeparationOfDutiesException.class);
  }

  @Test
  void controlPlaneCannotCreateRequestOnItsOwn() {
    assertThatThrownBy(() -> ExecutionRequest.create(tier1Failover("req-1"), SYSTEM, POLICY, T0))
        .isInstanceOfSatisfying(
            SeparationOfDutiesException.class,
            e -> assertThat(e.rule()).isEqualTo(RefusalRule.PERSON_REQUIRED));
  }

  @Test
  void breakGlassHolderMayCreateRequest() {
    ExecutionRequest request =
        ExecutionRequest.create(tier1Failover("req-1"), BREAK_GLASS, POLICY, T0);

    assertThat(request.snapshot().createdBy()).isEqualTo("bree");
  }

  @Test
  void requestNeedsReason() {
    ExecutionDraft noReason =
        new ExecutionDraft(
            "req-1",
            OperationType.DRILL,
            ExecutionScope.resource("orders-db"),
            "dr",
            Tier.TIER_2,
            Optional.empty(),
            "  ");

    assertThatThrownBy(() -> ExecutionRequest.create(noReason, OPERATOR, POLICY, T0))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> assertThat(e.rule()).isEqualTo(RefusalRule.REASON_REQUIRED))
        .hasMessageContaining("needs a reason");
  }

  @Test
  void tier1FailoverWithoutChangeTicketIsRefused() {
    ExecutionDraft draft =
        new ExecutionDraft(
            "req-1",
            OperationType.FAILOVER,
            ExecutionScope.resource("orders-db"),
            "dr",
            Tier.TIER_1,
            Optional.of(" "),
            "site down");

    assertThatThrownBy(() -> ExecutionRequest.create(draft, OPERATOR, POLICY, T0))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> assertThat(e.rule()).isEqualTo(RefusalRule.CHANGE_TICKET_REQUIRED))
        .hasMessageContaining("change ticket is required for tier 1 FAILOVER");
  }

  @Test
  void tier1DrillNeedsNoChangeTicket() {
    ExecutionDraft drill =
        new ExecutionDraft(
            "req-1",
            OperationType.DRILL,
            ExecutionScope.resource("orders-db"),
            "dr",
            Tier.TIER_1,
            Optional.empty(),
            "drill");

    assertThat(ExecutionRequest.create(drill, OPERATOR, POLICY, T0).state())
        .isEqualTo(ExecutionState.PENDING_APPROVAL);
  }

  @Test
  void malformedChangeTicketIsRefusedWhenPolicyHasPattern() {
    var strict = POLICY.withChangeTicketPattern("CHG[0-9]{6}");

    assertThatThrownBy(() -> ExecutionRequest.create(tier1Failover("req-1"), OPERATOR, strict, T0))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> assertThat(e.rule()).isEqualTo(RefusalRule.CHANGE_TICKET_FORMAT))
        .hasMessageContaining("must match CHG[0-9]{6}");
  }

  @Test
  void policyNeedingNoApprovalsApprovesAtCreation() {
    var lenient = POLICY.withApprovalsRequired(Tier.TIER_2, 0);

    ExecutionRequest request = ExecutionRequest.create(tier2Drill("req-2"), OPERATOR, lenient, T0);

    assertThat(request.state()).isEqualTo(ExecutionState.APPROVED);
    assertThat(request.snapshot().startDeadline()).contains(T0.plusSeconds(4 * 3600));
    assertThat(request.pendingEvents()).singleElement();
    assertThat(request.pendingEvents().get(0).details()).containsEntry("state", "APPROVED");
  }

  @Test
  void groupRequestEventsNameTheGroupAndNoResource() {
    ExecutionRequest request = ExecutionRequest.create(tier2Drill("req-2"), OPERATOR, POLICY, T0);

    var event = request.pendingEvents().get(0);
    assertThat(event.resourceId()).isEmpty();
    assertThat(event.details()).containsEntry("groupId", "billing");
    assertThat(event.details().keySet()).first().isEqualTo("groupId");
  }
}
