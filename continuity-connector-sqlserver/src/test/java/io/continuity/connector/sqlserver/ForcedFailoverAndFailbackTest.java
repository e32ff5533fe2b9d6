package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StandardStepIds;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A forced failover with loss and the failback after it, end to end on the simulator: the evidence
 * states LSN ranges and times (never bytes), and resuming the old primary discards what it wrote
 * after the fork.
 */
class ForcedFailoverAndFailbackTest {

  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    lab = new AgLab();
  }

  @AfterEach
  void close() throws Exception {
    lab.close();
  }

  @Test
  void aForcedFailoverAfterLosingThePrimaryStatesTheLsnRangeAndTimeWindow() throws Exception {
    lab.with("databases", "Ledger"); // monitoring's marker covers one database
    lab.write(10);
    lab.pauseReplication();
    lab.write(7);
    ObservedMarker monitored;
    try (Connector c = lab.factory().create(lab.config())) {
      ProbeResult seen = c.probe(Duration.ofSeconds(5));
      monitored = new ObservedMarker("east", seen.primaryMarker().orElseThrow(), Instant.now());
    }
    lab.loseSite("east");

    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> results =
          Runs.run(c, OperationType.FAILOVER, "west", Optional.of(monitored));

      assertThat(results.values()).allMatch(StepResult::succeeded);
      LossEvidence loss = results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow();
      assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
      ReplicationMarker reached = loss.reached().orElseThrow();
      ReplicationMarker last = loss.lastPrimary().orElseThrow();
      assertThat(last).isEqualTo(monitored.marker());
      assertThat(reached.distanceTo(last))
          .as("7 log blocks the target never hardened")
          .isEqualTo(BigInteger.valueOf(700_000));
      assertThat(loss.unit()).as("LSNs are log-block ids, not bytes").isEmpty();
      assertThat(loss.atLeast()).isEmpty();
      assertThat(loss.atMost()).isEmpty();
      assertThat(loss.exact()).isFalse();
      assertThat(loss.lossFrom()).isPresent();
      assertThat(loss.primaryLastSeenAt()).contains(monitored.observedAt());
      assertThat(loss.statement())
          .contains(reached.position().toString())
          .contains(last.position().toString())
          .contains("may have gone further")
          .doesNotContainIgnoringCase("caught up")
          .doesNotContainIgnoringCase("bytes of");
      assertThat(lab.writesVisibleOn("west")).isEqualTo(10);
      assertThat(lab.takesWrites("west")).isTrue();
    }
  }

  @Test
  void aDatabaseMonitoringHasNoMarkerForIsNotBoundedByAnotherDatabasesMarker() throws Exception {
    lab.write(5);
    lab.pauseReplication();
    lab.write(2);
    ObservedMarker monitored;
    try (Connector c = lab.factory().create(lab.config())) {
      monitored =
          new ObservedMarker(
              "east", c.probe(Duration.ofSeconds(5)).primaryMarker().orElseThrow(), Instant.now());
    }
    lab.loseSite("east");
    try (Connector c = lab.factory().create(lab.config())) {
      LossEvidence loss =
          Runs.run(c, OperationType.FAILOVER, "west", Optional.of(monitored))
              .get(StandardStepIds.PROMOTE_TARGET)
              .loss()
              .orElseThrow();

      String other =
          Markers.database(monitored.marker()).orElseThrow().equals("Ledger")
              ? "Payments"
              : "Ledger";
      assertThat(Markers.database(loss.reached().orElseThrow())).contains(other);
      assertThat(loss.lastPrimary()).as("LSNs of two databases never compare").isEmpty();
      assertThat(loss.statement()).contains(monitored.marker().position().toString());
    }
  }

  @Test
  void theOtherDrReplicaIsResumedWhenItsLogIsNotAheadAndTheOldSiteStaysSuspended()
      throws Exception {
    try (AgLab two = new AgLab(true, true)) {
      two.write(6);
      two.pauseReplication();
      two.write(3);
      two.loseSite("east");
      try (Connector c = two.factory().create(two.config())) {
        Map<String, StepResult> results =
            Runs.run(c, OperationType.FAILOVER, "west", Optional.empty());

        results.forEach((id, r) -> assertThat(r.succeeded()).as("%s: %s", id, r.output()).isTrue());
        assertThat(results.get("resume-site-secondaries").output())
            .contains("west-2: resumed Ledger")
            .contains("west-2: resumed Payments");
      }
      two.resumeReplication(); // the cross-site link; west-2 now follows west-1
      two.write(2);
      Thread.sleep(120); // resume is asynchronous: REVERTING first
      assertThat(two.sim.named("SQLPAY04").dbs.values()).noneMatch(d -> d.suspended);
      assertThat(two.sim.count("SQLPAY04", "Payments"))
          .as("west-2 follows the new primary: 6 + 2 writes")
          .isEqualTo(8);
      assertThat(two.sim.named("SQLPAY02").dbs.values())
          .as("the old primary's site keeps its diverged log for the failback")
          .allMatch(d -> d.suspended);
    }
  }

  @Test
  void withoutAMonitoredMarkerTheLossIsNotBounded() throws Exception {
    lab.write(4);
    lab.pauseReplication();
    lab.write(4);
    lab.loseSite("east");
    try (Connector c = lab.factory().create(lab.config())) {
      LossEvidence loss =
          Runs.run(c, OperationType.FAILOVER, "west", Optional.empty())
              .get(StandardStepIds.PROMOTE_TARGET)
              .loss()
              .orElseThrow();

      assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
      assertThat(loss.lastPrimary()).isEmpty();
      assertThat(loss.bounded()).isFalse();
      assertThat(loss.statement()).contains("cannot be bounded");
    }
  }

  @Test
  void aFailoverWithoutAFenceActionIsRefusedWhileThePrimaryIsUp() throws Exception {
    try (AgLab bare = new AgLab(false)) {
      bare.write(3);
      try (Connector c = bare.factory().create(bare.config())) {
        assertThat(
                c.capabilities().status(io.continuity.connector.api.Capability.FAILOVER).reason())
            .contains("action.fence");
      }
    }
  }

  @Test
  void theForcedPromoteRefusesWhileTheOldPrimaryStillAnswersAsPrimary() throws Exception {
    lab.write(3);
    try (Connector c = lab.factory().create(lab.config())) {
      var plan =
          c.plan(
              new io.continuity.connector.api.OperationRequest(
                  OperationType.FAILOVER, "west", Map.of()));
      var promote = plan.step(StandardStepIds.PROMOTE_TARGET).orElseThrow();
      StepResult result =
          c.execute(
              promote,
              new io.continuity.connector.api.StepContext(
                  "skip-the-fence", plan, Map.of(Facts.TARGET_MEMBER, "west-1")),
              promote.timeout());

      assertThat(result.succeeded()).isFalse();
      assertThat(result.output()).contains("REFUSED").contains("east-1");
      assertThat(lab.takesWrites("west")).isFalse();
      assertThat(lab.takesWrites("east")).isTrue();
    }
  }

  @Test
  void failbackResumesTheOldPrimaryDiscardingItsDivergedWritesThenSwitchesBack() throws Exception {
    lab.write(10);
    lab.pauseReplication();
    lab.write(5); // only on east: lost by the forced failover
    try (Connector c = lab.factory().create(lab.config())) {
      Map<String, StepResult> failover =
          Runs.run(c, OperationType.FAILOVER, "west", Optional.empty());
      assertThat(failover.values()).allMatch(StepResult::succeeded);
    }
    lab.resumeReplication();
    lab.write(3); // on west, the new primary
    lab.restoreSite("east");
    assertThat(lab.sim.named("SQLPAY01").dbs.get("Payments").suspendReason)
        .isEqualTo("SUSPEND_FROM_PARTNER");

    try (Connector c = lab.factory().create(lab.config())) {
      ProbeResult before = c.probe(Duration.ofSeconds(5));
      assertThat(before.primarySite()).contains("west");

      Map<String, StepResult> failback =
          Runs.run(c, OperationType.FAILBACK, "east", Optional.empty());

      failback.forEach((id, r) -> assertThat(r.succeeded()).as("%s: %s", id, r.output()).isTrue());
      assertThat(failback.get(StandardStepIds.RESYNC_TARGET).output())
          .contains("SUSPEND_FROM_PARTNER")
          .contains("discarded");
      assertThat(failback.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
          .isEqualTo(LossConclusion.CAUGHT_UP);
      assertThat(c.probe(Duration.ofSeconds(5)).primarySite()).contains("east");
    }
    assertThat(lab.takesWrites("east")).isTrue();
    assertThat(lab.takesWrites("west")).isFalse();
    assertThat(lab.writesVisibleOn("east"))
        .as("10 before the failover + 3 on the new primary; the 5 diverged writes are gone")
        .isEqualTo(13);
  }
}
