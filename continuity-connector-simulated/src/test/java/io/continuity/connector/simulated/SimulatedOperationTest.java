package io.continuity.connector.simulated;

import static io.continuity.connector.simulated.Fixtures.DR;
import static io.continuity.connector.simulated.Fixtures.PRIMARY;
import static io.continuity.connector.simulated.Fixtures.T0;
import static io.continuity.connector.simulated.Fixtures.runUntilFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedOperationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(T0);
  private final SimulatedConnectorFactory factory = new SimulatedConnectorFactory(clock);
  private final String resourceId = Fixtures.newResourceId();

  @AfterEach
  void forget() {
    SimulatedPlatform.forget(resourceId);
  }

  private SimulatedConnector connector(String... settings) throws ConnectorException {
    return (SimulatedConnector) factory.create(Fixtures.config(resourceId, settings));
  }

  @Test
  void switchoverRunStepByStepSwapsThePrimaryAndProbesFollow() throws Exception {
    SimulatedConnector connector = connector();
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);

    List<StepResult> results = runUntilFailure(connector, plan);
    ProbeResult after = connector.probe(TIMEOUT);

    assertThat(results).hasSize(plan.steps().size()).allMatch(StepResult::succeeded);
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(DR);
    assertThat(after.payload().asMap())
        .containsEntry("primarySite", DR)
        .containsEntry("standbySite", PRIMARY);
    assertThat(after.site(DR).orElseThrow().detail()).isEqualTo("role=primary");
    assertThat(after.replicationState()).isEqualTo(ReplicationState.STREAMING);
  }

  @Test
  void switchoverPromotesOnlyAfterTheTargetReplayedTheFinalMarker() throws Exception {
    SimulatedConnector connector = connector();
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);

    List<StepResult> results = runUntilFailure(connector, plan);

    String finalMarker = results.get(1).facts().get("final-marker");
    assertThat(finalMarker).isNotBlank();
    assertThat(results.get(2).facts()).containsEntry("target-replayed-marker", finalMarker);
    assertThat(results.get(2).marker()).isEqualTo(results.get(1).marker());
  }

  @Test
  void promoteIsRefusedBeforeCatchUpAndLeavesRolesAlone() throws Exception {
    SimulatedConnector connector = connector();
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);
    PlanStep promote = plan.step(OperationPlans.PROMOTE_TARGET).orElseThrow();

    StepResult result =
        connector.execute(promote, new StepContext("exec-1", plan, Map.of()), TIMEOUT);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.output()).contains("has not been seen to replay");
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
  }

  @Test
  void failStepFailsThatStepWithAFailedResultAndTheRunStopsThere() throws Exception {
    SimulatedConnector connector = connector("failStep", "promote-target");
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);

    List<StepResult> results = runUntilFailure(connector, plan);

    assertThat(results).hasSize(4);
    assertThat(results.get(3).succeeded()).isFalse();
    assertThat(results.get(3).output()).contains("promote-target", "failStep");
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
  }

  @Test
  void hangStepBlocksUntilItsTimeoutThenThrowsARetriableException() throws Exception {
    SimulatedConnector connector = connector("hangStep", "wait-for-catch-up");
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);
    PlanStep hanging = plan.step(OperationPlans.WAIT_FOR_CATCH_UP).orElseThrow();
    StepContext context = new StepContext("exec-1", plan, Map.of());

    assertThatThrownBy(() -> connector.execute(hanging, context, Duration.ofMillis(50)))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("did not finish within PT0.05S")
        .hasMessageContaining("outcome is unknown");
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
  }

  @Test
  void failAndHangStepsCanBeScriptedAtRunTime() throws Exception {
    SimulatedConnector connector = connector();
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);
    StepContext context = new StepContext("exec-1", plan, Map.of());
    PlanStep precheck = plan.steps().get(0);

    SimulatedPlatform.setFailStep(resourceId, precheck.id());
    StepResult failed = connector.execute(precheck, context, TIMEOUT);
    SimulatedPlatform.setFailStep(resourceId, null);
    SimulatedPlatform.setHangStep(resourceId, precheck.id());

    assertThat(failed.succeeded()).isFalse();
    assertThatThrownBy(() -> connector.execute(precheck, context, Duration.ofMillis(20)))
        .isInstanceOf(ConnectorException.class);
    SimulatedPlatform.setHangStep(resourceId, null);
    assertThat(connector.execute(precheck, context, TIMEOUT).succeeded()).isTrue();
  }

  @Test
  void precheckFailsWhileReplicationIsBroken() throws Exception {
    SimulatedConnector connector = connector("scenario", "broken");
    OperationPlan plan = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);

    List<StepResult> results = runUntilFailure(connector, plan);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).output()).contains("broken");
  }

  @Test
  void failoverAfterLosingThePrimaryPromotesTheDrSite() throws Exception {
    SimulatedConnector connector = connector("unreachableSites", "primary");
    SimulatedPlatform.setScenario(resourceId, Scenario.UNREACHABLE);
    OperationPlan plan = Fixtures.plan(connector, OperationType.FAILOVER, DR);

    List<StepResult> results = runUntilFailure(connector, plan);
    ProbeResult after = connector.probe(TIMEOUT);

    assertThat(results).allMatch(StepResult::succeeded).hasSize(plan.steps().size());
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(DR);
    assertThat(after.site(PRIMARY).orElseThrow().connectivity())
        .isEqualTo(Connectivity.UNREACHABLE);
    assertThat(after.primaryMarker()).isPresent();
  }

  @Test
  void failbackAfterAFailoverReturnsRolesToTheConfiguredPrimary() throws Exception {
    SimulatedConnector connector = connector();
    runUntilFailure(connector, Fixtures.plan(connector, OperationType.FAILOVER, DR));
    assertThat(connector.probe(TIMEOUT).replicationState()).isEqualTo(ReplicationState.BROKEN);
    clock.advance(Duration.ofMinutes(1));

    List<StepResult> results =
        runUntilFailure(connector, Fixtures.plan(connector, OperationType.FAILBACK, PRIMARY));

    assertThat(results).allMatch(StepResult::succeeded);
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
    assertThat(connector.probe(TIMEOUT).replicationState()).isEqualTo(ReplicationState.STREAMING);
  }

  @Test
  void drillNeverChangesProductionRoles() throws Exception {
    SimulatedConnector connector = connector();

    List<StepResult> results =
        runUntilFailure(connector, Fixtures.plan(connector, OperationType.DRILL, DR));

    assertThat(results).allMatch(StepResult::succeeded);
    assertThat(SimulatedPlatform.primarySite(resourceId)).contains(PRIMARY);
    assertThat(connector.probe(TIMEOUT).payload().asMap()).containsEntry("drillCloneActive", false);
  }

  @Test
  void stepsDeclareIdempotencyHonestly() throws Exception {
    SimulatedConnector connector = connector();

    for (OperationType type : OperationType.values()) {
      String target = type == OperationType.FAILBACK ? PRIMARY : DR;
      for (PlanStep step : Fixtures.plan(connector, type, target).steps()) {
        boolean promotes = step.id().startsWith("promote-");
        assertThat(step.idempotent()).as("%s %s", type, step.id()).isEqualTo(!promotes);
      }
    }
  }

  @Test
  void planningRejectsAnUnknownSiteAndAFailbackAwayFromTheConfiguredPrimary() throws Exception {
    SimulatedConnector connector = connector();

    assertThatThrownBy(() -> Fixtures.plan(connector, OperationType.SWITCHOVER, "site-z"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("site-a, site-b");
    assertThatThrownBy(() -> Fixtures.plan(connector, OperationType.FAILBACK, DR))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("target site-a");
  }

  @Test
  void aStepFromAnotherPlanIsRefused() throws Exception {
    SimulatedConnector connector = connector();
    OperationPlan drill = Fixtures.plan(connector, OperationType.DRILL, DR);
    OperationPlan switchover = Fixtures.plan(connector, OperationType.SWITCHOVER, DR);
    PlanStep quiesce = switchover.step(OperationPlans.QUIESCE_PRIMARY).orElseThrow();

    assertThatThrownBy(
            () -> connector.execute(quiesce, new StepContext("exec-1", drill, Map.of()), TIMEOUT))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse());
  }
}
