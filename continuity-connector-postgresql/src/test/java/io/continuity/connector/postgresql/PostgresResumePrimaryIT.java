package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The recovery plan for a switchover that stopped the old primary and never promoted (issues 18 and
 * 23): put it back, verify a write, check the roles — on a real pair, and refused when the other
 * side is a primary.
 */
class PostgresResumePrimaryIT {

  @Test
  void aQuiescedOldPrimaryIsPutBackAndTakesWritesAgain() throws Exception {
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries());
        Connector connector =
            new PostgresConnectorFactory().create(LabConfigs.withAllActions("resume", pair))) {
      PostgresNode east = pair.node("east");
      PostgresNode west = pair.node("west");
      OperationPlan switchover =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      Map<String, String> facts = new HashMap<>();
      for (String id : new String[] {StepIds.PRECHECK_REPLICATION, StepIds.QUIESCE_PRIMARY}) {
        StepResult result =
            connector.execute(
                switchover.step(id).orElseThrow(),
                new StepContext("interrupted", switchover, facts),
                Duration.ofSeconds(60));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        facts.putAll(result.facts());
      }
      assertThat(east.isRunning()).as("the quiesce stopped the old primary").isFalse();

      OperationPlan resume = connector.planResumePrimary("east");
      Map<String, StepResult> results =
          PlanRunner.run(connector, resume, Map.of(), Optional.empty());

      PlanRunner.assertAllSucceeded(results, resume);
      assertThat(resume.steps()).allMatch(s -> s.idempotent());
      assertThat(east.isRunning()).isTrue();
      assertThat(east.isInRecovery()).isFalse();
      assertThat(west.isInRecovery()).as("the standby stayed a standby").isTrue();
      assertThat(east.sql("select not pg_is_in_recovery()")).isEqualTo("t");
    }
  }

  @Test
  void putBackIsRefusedWhileTheOtherSiteIsAPrimary() throws Exception {
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries());
        Connector connector =
            new PostgresConnectorFactory().create(LabConfigs.withAllActions("resume-2", pair))) {
      pair.stop(pair.node("east"), io.continuity.lab.StopMode.FAST);
      pair.promote(pair.node("west"));

      OperationPlan resume = connector.planResumePrimary("east");
      Map<String, StepResult> results =
          PlanRunner.run(connector, resume, Map.of(), Optional.empty());

      StepResult first = results.values().iterator().next();
      assertThat(first.succeeded()).isFalse();
      assertThat(first.output()).contains("REFUSED").contains("would make two");
      assertThat(pair.node("east").isRunning()).as("nothing was started").isFalse();
    }
  }
}
