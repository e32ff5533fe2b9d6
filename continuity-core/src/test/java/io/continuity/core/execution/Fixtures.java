package io.continuity.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** A cast of people and requests in each state, under the default policy, at fixed times. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
  static final ApprovalPolicy POLICY = ApprovalPolicy.defaults();

  static final Actor OPERATOR = Actor.person("olivia", Role.OPERATOR);
  static final Actor OTHER_OPERATOR = Actor.person("oscar", Role.OPERATOR);
  static final Actor APPROVER = Actor.person("alice", Role.APPROVER);
  static final Actor SECOND_APPROVER = Actor.person("bob", Role.APPROVER);
  static final Actor APPROVING_OPERATOR = Actor.person("carol", Role.APPROVER, Role.OPERATOR);
  static final Actor ADMIN = Actor.person("adam", Role.ADMIN);
  static final Actor VIEWER = Actor.person("victor", Role.VIEWER);
  static final Actor BREAK_GLASS = Actor.person("bree", Role.BREAK_GLASS);
  static final Actor SYSTEM = Actor.system("scheduler");

  private Fixtures() {}

  static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static ExecutionDraft tier1Failover(String id) {
    return new ExecutionDraft(
        id,
        OperationType.FAILOVER,
        ExecutionScope.resource("orders-db"),
        "eu-west-1b",
        Tier.TIER_1,
        Optional.of("CHG-1042"),
        "primary site lost power");
  }

  static ExecutionDraft tier2Drill(String id) {
    return new ExecutionDraft(
        id,
        OperationType.DRILL,
        ExecutionScope.group("billing"),
        "eu-west-1b",
        Tier.TIER_2,
        Optional.empty(),
        "quarterly DR drill");
  }

  static ExecutionRequest pending() {
    return ExecutionRequest.create(tier1Failover("req-1"), OPERATOR, POLICY, T0);
  }

  static ExecutionRequest approved() {
    ExecutionRequest request = pending();
    request.approve(APPROVER, "ok", at(1));
    request.approve(SECOND_APPROVER, "ok", at(2));
    return request;
  }

  static ExecutionRequest ready() {
    ExecutionRequest request = approved();
    request.presentConfirmation(OPERATOR, at(3));
    return request;
  }

  static ExecutionRequest running() {
    ExecutionRequest request = ready();
    request.confirmStart(OPERATOR, at(4));
    return request;
  }

  static ExecutionRequest failed() {
    ExecutionRequest request = running();
    request.run().recordStepStarted("promote-standby", at(5));
    request.run().recordStepFailed("promote-standby", "standby refused promotion", at(6));
    request.run().fail("step promote-standby failed", Optional.of("promote-standby"), at(7));
    return request;
  }

  /** Asserts the command is refused under this rule and left the request exactly as it was. */
  static void assertRefusedUnchanged(
      ExecutionRequest request, Executable command, RefusalRule rule) {
    ExecutionRequestSnapshot before = request.snapshot();
    var eventsBefore = request.pendingEvents();
    assertThatThrownBy(command::execute)
        .isInstanceOfSatisfying(
            CommandRefusedException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    assertThat(request.snapshot()).isEqualTo(before);
    assertThat(request.pendingEvents()).isEqualTo(eventsBefore);
  }
}
