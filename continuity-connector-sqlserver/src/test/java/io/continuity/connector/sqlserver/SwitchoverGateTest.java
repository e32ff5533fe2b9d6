package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StandardStepIds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The planned failover's gate, the undo of the commit-mode change and the async recovery. */
class SwitchoverGateTest {

  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    lab = new AgLab();
    lab.write(12);
  }

  @AfterEach
  void close() throws Exception {
    lab.close();
  }

  @Test
  void anAsyncTargetIsMadeSynchronousAndRestoredAndTheEvidenceIsProvenCaughtUp() throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> results =
          Runs.run(c, OperationType.SWITCHOVER, "west", Optional.empty());

      results.forEach((id, r) -> assertThat(r.succeeded()).as("%s: %s", id, r.output()).isTrue());
      var loss = results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow();
      assertThat(loss.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
      assertThat(loss.reached().orElseThrow().hasReached(loss.finalPrimary().orElseThrow()))
          .isTrue();
      assertThat(loss.statement())
          .as("the proof is stated for every database")
          .contains("Ledger hardened")
          .contains("Payments hardened");
      assertThat(lab.sim.named("SQLPAY03").mode).isEqualTo("ASYNCHRONOUS_COMMIT");
      assertThat(lab.sim.named("SQLPAY01").mode).isEqualTo("SYNCHRONOUS_COMMIT");
      assertThat(lab.writesVisibleOn("west")).isEqualTo(12);
    }
  }

  @Test
  void aTargetThatCannotSynchronizeIsNotPromotedAndTheModesAreUndone() throws Exception {
    lab.sim.set(() -> lab.sim.named("SQLPAY03").holdBack = true);
    lab.write(3);
    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> results =
          Runs.run(c, OperationType.SWITCHOVER, "west", Optional.empty());

      StepResult wait = results.get(StandardStepIds.WAIT_FOR_CATCH_UP);
      assertThat(wait.succeeded()).isFalse();
      assertThat(wait.output()).contains("SYNCHRONIZING").contains("restored commit modes");
      assertThat(results).doesNotContainKey(StandardStepIds.PROMOTE_TARGET);
      assertThat(lab.sim.named("SQLPAY03").mode)
          .as("the change of the plan was undone")
          .isEqualTo("ASYNCHRONOUS_COMMIT");
      assertThat(lab.takesWrites("east")).isTrue();
      assertThat(lab.takesWrites("west")).isFalse();
    }
  }

  @Test
  void thePromoteRechecksItsGateAndRefusesAnAsynchronousTarget() throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      var plan =
          c.plan(
              new io.continuity.connector.api.OperationRequest(
                  OperationType.SWITCHOVER, "west", Map.of()));
      var precheck = plan.step(StandardStepIds.PRECHECK_REPLICATION).orElseThrow();
      StepResult checked =
          c.execute(
              precheck,
              new io.continuity.connector.api.StepContext("gate", plan, Map.of()),
              precheck.timeout());
      var promote = plan.step(StandardStepIds.PROMOTE_TARGET).orElseThrow();
      long started = System.nanoTime();
      StepResult result =
          c.execute(
              promote,
              new io.continuity.connector.api.StepContext("gate", plan, checked.facts()),
              Duration.ofSeconds(2));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.output()).contains("REFUSED").contains("ASYNCHRONOUS_COMMIT");
      assertThat(result.loss()).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
      assertThat(lab.takesWrites("west")).isFalse();
    }
  }

  @Test
  void aDrillOnANonReadableSecondaryFailsWithTheReasonAndChangesNothing() throws Exception {
    lab.sim.set(() -> lab.sim.named("SQLPAY03").allowConnections = "NO");
    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> results = Runs.run(c, OperationType.DRILL, "west", Optional.empty());

      StepResult reads = results.get(StandardStepIds.VALIDATE_STANDBY_READS);
      assertThat(reads.succeeded()).isFalse();
      assertThat(reads.output()).contains("not a readable secondary").contains("READ_ONLY");
      assertThat(lab.takesWrites("east")).isTrue();
      assertThat(lab.takesWrites("west")).isFalse();
    }
  }

  @Test
  void verifyWritesWaitsForRecoveryBecauseFailoverReturnsBeforeIt() throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> results =
          Runs.run(c, OperationType.SWITCHOVER, "west", Optional.empty());
      // the simulator recovers in 150 ms after FAILOVER returned
      assertThat(results.get(StandardStepIds.PROMOTE_TARGET).output())
          .contains("recovery continues asynchronously");
      assertThat(results.get(StandardStepIds.VERIFY_WRITES).output())
          .contains("ONLINE and READ_WRITE");
    }
  }
}
