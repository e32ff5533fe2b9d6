package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresPlansTest {

  private static final Map<String, String> ALL =
      Map.of(
          "host",
          "h",
          "action.stop",
          "s",
          "action.fence",
          "f",
          "action.rejoin",
          "r",
          "action.rewind",
          "w");

  @Test
  void everyStepOfEveryOperationIsSafeToRunAgainSoACrashAnywhereResumes() {
    PostgresPlans plans = new PostgresPlans(Fixtures.settings(Fixtures.config(ALL, ALL)));
    for (OperationType type : OperationType.values()) {
      OperationPlan plan = plans.plan(type, type == OperationType.FAILBACK ? "east" : "west");
      assertThat(plan.steps().stream().filter(s -> !s.idempotent()).map(PlanStep::id).toList())
          .as("%s", type)
          .isEmpty();
    }
  }

  @Test
  void aContinuationChecksTheQuiescedStateThenRunsTheSwitchoversOwnGatedSteps() {
    PostgresPlans plans = new PostgresPlans(Fixtures.settings(Fixtures.config(ALL, ALL)));

    for (OperationType type :
        new OperationType[] {OperationType.SWITCHOVER, OperationType.FAILBACK}) {
      OperationPlan plan = plans.continuation(type, "west");
      assertThat(plan.type()).isEqualTo(type);
      assertThat(plan.steps())
          .extracting(PlanStep::id)
          .containsExactly(
              "precheck-continuation",
              "quiesce-primary",
              "wait-for-catch-up",
              "promote-target",
              "verify-writes",
              "rejoin-old-primary",
              "postcheck-roles");
      assertThat(plan.steps()).allMatch(PlanStep::idempotent);
    }
  }

  @Test
  void switchoverStepsInOrderWithARejoinOnlyWhenTheOldPrimaryHasARejoinAction() {
    PostgresPlans full = new PostgresPlans(Fixtures.settings(Fixtures.config(ALL, ALL)));
    PostgresPlans bare = new PostgresPlans(Fixtures.settings(Fixtures.config()));

    assertThat(full.plan(OperationType.SWITCHOVER, "west").steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-replication",
            "quiesce-primary",
            "wait-for-catch-up",
            "promote-target",
            "verify-writes",
            "rejoin-old-primary",
            "postcheck-roles");
    assertThat(bare.plan(OperationType.SWITCHOVER, "west").steps())
        .extracting(PlanStep::id)
        .doesNotContain("rejoin-old-primary");
    assertThat(
            bare.plan(OperationType.SWITCHOVER, "west")
                .step("quiesce-primary")
                .orElseThrow()
                .description())
        .contains("read-only");
  }

  @Test
  void failoverAndFenceNeedAFenceActionOnThePrimarySite() throws Exception {
    try (Connector bare = new PostgresConnectorFactory().create(Fixtures.config())) {
      assertThat(bare.capabilities().has(Capability.FAILOVER)).isFalse();
      assertThat(bare.capabilities().status(Capability.FENCE).reason()).contains("action.fence");
      assertThat(bare.capabilities().has(Capability.FAILBACK)).isFalse();
      assertThat(bare.capabilities().has(Capability.HEARTBEAT)).isFalse();
      assertThat(bare.capabilities().available())
          .contains(
              Capability.MONITOR,
              Capability.REPLICATION_MARKER,
              Capability.SWITCHOVER,
              Capability.DRILL);
      assertThatThrownBy(
              () -> bare.plan(new OperationRequest(OperationType.FAILOVER, "west", Map.of())))
          .isInstanceOfSatisfying(
              ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse());
    }
    try (Connector full =
        new PostgresConnectorFactory()
            .create(Fixtures.config(ALL, ALL, "heartbeatTable", "ops.heartbeat"))) {
      assertThat(full.capabilities().available()).contains(Capability.values());
    }
  }

  @Test
  void drillAddsTheIsolatedCloneStepsOnlyWhenTheTargetHasACloneAction() {
    Map<String, String> cloning =
        Map.of("host", "h", "action.clone", "c", "action.discard-clone", "d");
    PostgresPlans withClone = new PostgresPlans(Fixtures.settings(Fixtures.config(ALL, cloning)));
    PostgresPlans bare = new PostgresPlans(Fixtures.settings(Fixtures.config()));

    assertThat(withClone.plan(OperationType.DRILL, "west").steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "precheck-replication",
            "validate-standby-reads",
            "observe-replay-progress",
            "create-clone",
            "validate-clone",
            "discard-clone",
            "postcheck-roles");
    assertThat(withClone.plan(OperationType.DRILL, "west").steps()).allMatch(PlanStep::idempotent);
    assertThat(bare.plan(OperationType.DRILL, "west").steps())
        .extracting(PlanStep::id)
        .doesNotContain("create-clone", "validate-clone", "discard-clone");
  }

  @Test
  void failbackTargetsOnlyTheConfiguredPrimary() throws Exception {
    try (Connector full = new PostgresConnectorFactory().create(Fixtures.config(ALL, ALL))) {
      assertThatThrownBy(
              () -> full.plan(new OperationRequest(OperationType.FAILBACK, "west", Map.of())))
          .hasMessageContaining("target east");
    }
  }
}
