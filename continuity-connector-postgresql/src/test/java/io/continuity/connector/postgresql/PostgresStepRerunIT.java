package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every step of a switchover and a failover is safe to run again, as a resumed run does after a
 * crash between a step's effect and its recorded outcome (issue 18): each step runs twice in a row
 * on a real pair and the operation still ends with exactly one primary. A promotion the run did not
 * make safely is refused when the step runs again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStepRerunIT {

  private static PostgresPair pair;

  @BeforeAll
  static void startPair() {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    pair.node("east").sql("create table acks(id bigint primary key)");
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  @Order(1)
  void aSwitchoverWhoseEveryStepRunsTwiceEndsWithTheTargetTheOnlyPrimary() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    east.sql("insert into acks select g from generate_series(1, 500) g");
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("rerun-sw", pair))) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      assertThat(plan.steps()).allMatch(PlanStep::idempotent);

      Map<String, StepResult> results =
          PlanRunner.runEachStepTwice(connector, OperationType.SWITCHOVER, "west");

      PlanRunner.assertAllSucceeded(results, plan);
      assertThat(results.get(StepIds.PROMOTE_TARGET).facts())
          .containsEntry(Facts.PROMOTED_BY, Facts.EARLIER_ATTEMPT);
      Lsn finalLsn = Lsn.parse(results.get(StepIds.QUIESCE_PRIMARY).facts().get(Facts.FINAL_LSN));
      assertThat(Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN)))
          .as("the switch point read back on the second run is past the final LSN")
          .isGreaterThan(finalLsn);
      assertThat(pair.primary()).isSameAs(west);
      assertThat(east.isInRecovery()).isTrue();
      assertThat(west.sql("select count(*) from acks")).isEqualTo("500");
      pair.awaitStreaming(east, Duration.ofSeconds(20));
    }
  }

  @Test
  @Order(2)
  void aFailoverWhoseEveryStepRunsTwiceStatesTheSameEvidence() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    west.sql("insert into acks select g from generate_series(501, 700) g");
    pair.awaitStreaming(east, Duration.ofSeconds(20));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!east.sql("select count(*) from acks").equals("700") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("rerun-fo", pair))) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.FAILOVER, "east", Map.of()));
      assertThat(plan.steps()).allMatch(PlanStep::idempotent);
      pair.stop(west, StopMode.IMMEDIATE);

      Map<String, StepResult> results =
          PlanRunner.runEachStepTwice(connector, OperationType.FAILOVER, "east");

      PlanRunner.assertAllSucceeded(results, plan);
      StepResult promote = results.get(StepIds.PROMOTE_TARGET);
      assertThat(promote.facts()).containsEntry(Facts.PROMOTED_BY, Facts.EARLIER_ATTEMPT);
      assertThat(promote.loss())
          .as("the second run states a loss conclusion, never a silent success")
          .isPresent();
      assertThat(pair.primary()).isSameAs(east);
      assertThat(east.sql("select count(*) from acks")).isEqualTo("700");
    }
  }

  @Test
  @Order(3)
  void aTargetPromotedBeforeTheFinalLsnIsRefusedWhenThePromoteStepRunsAgain() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    pair.rewind(west);
    pair.awaitStreaming(west, Duration.ofSeconds(30));
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("rerun-refuse", pair))) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      String timeline = east.sql("select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)");
      pair.breakReplication();
      east.sql("insert into acks select g from generate_series(90000001, 90001000) g");
      String finalLsn = east.sql("select pg_current_wal_insert_lsn()");
      west.sql("select pg_promote(true, 30)");

      PlanStep promoteStep = plan.step(StepIds.PROMOTE_TARGET).orElseThrow();
      StepContext afterQuiesce =
          new StepContext(
              "refusal",
              plan,
              Map.of(
                  Facts.FINAL_LSN,
                  finalLsn,
                  Facts.FINAL_LSN_KIND,
                  Facts.READ_ONLY_CURRENT,
                  Facts.PRIMARY_TIMELINE,
                  Long.toString(Long.parseLong(timeline, 16))));

      StepResult promote = connector.execute(promoteStep, afterQuiesce, Duration.ofSeconds(30));

      assertThat(promote.succeeded()).isFalse();
      assertThat(promote.output())
          .as("east still took writes (not read-only), so the step refuses before anything else")
          .contains("REFUSED")
          .contains("takes writes again");

      east.sql("alter system set default_transaction_read_only = on");
      east.sql("select pg_reload_conf()");
      StepResult again = connector.execute(promoteStep, afterQuiesce, Duration.ofSeconds(30));
      assertThat(again.succeeded()).isFalse();
      assertThat(again.output()).contains("left recovery at").contains(finalLsn);
    }
  }
}
