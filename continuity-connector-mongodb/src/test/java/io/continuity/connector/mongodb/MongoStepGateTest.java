package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.mongodb.fake.FakeLab;
import io.continuity.connector.support.StandardStepIds;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.mongodb.FakeReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each role-changing step's own gate and the evidence it states, on the fake set. */
class MongoStepGateTest {

  private FakeLab lab;
  private Connector connector;

  @BeforeEach
  void start() throws Exception {
    lab = new FakeLab();
    connector = new MongoConnectorFactory().create(lab.config());
  }

  @AfterEach
  void stop() {
    connector.close();
    lab.close();
  }

  @Test
  void aSwitchoverProvesTheNewPrimaryHoldsTheOldPrimarysFinalOptime() throws Exception {
    lab.write(20);
    long termBefore = lab.set().term();

    Map<String, StepResult> results =
        PlanRunner.run(connector, OperationType.SWITCHOVER, "west", Map.of(), Optional.empty());

    assertThat(results.values()).allMatch(StepResult::succeeded);
    LossEvidence loss = results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow();
    assertThat(loss.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
    assertThat(OpTime.of(loss.finalPrimary().orElseThrow()).orElseThrow().term())
        .as("the final optime is of the old primary's term")
        .isEqualTo(termBefore);
    assertThat(loss.statement()).startsWith("caught up to marker OPTIME");
    assertThat(lab.set().primary().map(FakeReplicaSet.Member::name)).contains("west-1");
    assertThat(lab.set().term()).isGreaterThan(termBefore);
  }

  @Test
  void aSwitchoverUnderContinuousWritesToALaggingTargetLosesNothingAndProvesIt() throws Exception {
    lab.set().setApplyDelay(lab.set().member("west-1"), Duration.ofMillis(80));
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  lab.write(1);
                } catch (Exception e) {
                  // refused while the primary steps down: not acknowledged, not counted
                }
              }
            });
    writer.start();
    long until = System.nanoTime() + 5_000_000_000L;
    while (lab.write(0) < 20 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(connector.probe(Duration.ofSeconds(5)).lag().time().orElseThrow())
        .as("the target is never exactly at the primary's optime while writes go on")
        .isPositive();

    Map<String, StepResult> results;
    try {
      results =
          PlanRunner.run(connector, OperationType.SWITCHOVER, "west", Map.of(), Optional.empty());
    } finally {
      stop.set(true);
      writer.join(5000);
    }

    assertThat(results.values()).as("%s", results).allMatch(StepResult::succeeded);
    assertThat(results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
        .isEqualTo(LossConclusion.CAUGHT_UP);
    long acknowledged = lab.write(0);
    assertThat(acknowledged).isGreaterThan(10);
    assertThat(lab.writesVisibleOn("west")).isGreaterThanOrEqualTo(acknowledged);
  }

  @Test
  void thePromoteStepRefusesWhenTheTargetFellBehindAfterItsCatchUpWait() throws Exception {
    lab.write(5);
    OperationPlan plan =
        connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
    int promoteAt = plan.steps().indexOf(plan.step(StandardStepIds.PROMOTE_TARGET).orElseThrow());
    OperationPlan upToPromote =
        new OperationPlan(plan.type(), plan.targetSite(), plan.steps().subList(0, promoteAt));
    OperationPlan promoteOnly =
        new OperationPlan(
            plan.type(), plan.targetSite(), plan.steps().subList(promoteAt, promoteAt + 1));
    Map<String, StepResult> before =
        PlanRunner.run(connector, upToPromote, Map.of(), Optional.empty());
    assertThat(before.values()).allMatch(StepResult::succeeded);
    Map<String, String> facts = new HashMap<>();
    before.values().forEach(r -> facts.putAll(r.facts()));
    lab.pauseReplication();
    lab.write(3);

    Map<String, StepResult> promote =
        PlanRunner.run(connector, promoteOnly, facts, Optional.empty());

    StepResult result = promote.get(StandardStepIds.PROMOTE_TARGET);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.output()).startsWith("REFUSED").contains("nothing was changed");
    assertThat(result.loss()).isEmpty();
    assertThat(lab.set().primary().map(FakeReplicaSet.Member::name)).contains("east-1");
    assertThat(lab.takesWrites("east")).isTrue();
  }

  @Test
  void aTargetWithALowerPriorityThanAnotherElectableMemberIsRefusedAtPrecheck() throws Exception {
    lab.set().setPriority(lab.set().member("west-1"), 0.5);

    Map<String, StepResult> results =
        PlanRunner.run(connector, OperationType.SWITCHOVER, "west", Map.of(), Optional.empty());

    StepResult precheck = results.get(StandardStepIds.PRECHECK_REPLICATION);
    assertThat(precheck.succeeded()).isFalse();
    assertThat(precheck.output()).contains("priority 0.5").contains("replSetReconfig");
    assertThat(results).hasSize(1);
  }

  @Test
  void aUserWithoutClusterManagerIsRefusedAtPrecheckAndStillMonitors() throws Exception {
    lab.set().grantOnly("clusterMonitor", "readWriteAnyDatabase");

    Map<String, StepResult> switchover =
        PlanRunner.run(connector, OperationType.SWITCHOVER, "west", Map.of(), Optional.empty());
    Map<String, StepResult> failover =
        PlanRunner.run(connector, OperationType.FAILOVER, "west", Map.of(), Optional.empty());

    assertThat(switchover).hasSize(1);
    assertThat(switchover.get(StandardStepIds.PRECHECK_REPLICATION).output())
        .contains("lacks [replSetStateChange]")
        .contains("clusterManager");
    assertThat(failover).hasSize(1);
    assertThat(failover.get(StandardStepIds.PRECHECK_TARGET).output())
        .contains("lacks [replSetConfigure]");
    assertThat(lab.set().primary().map(FakeReplicaSet.Member::name)).contains("east-1");
    assertThat(connector.probe(Duration.ofSeconds(5)).primarySite())
        .as("clusterMonitor is enough to monitor")
        .contains("east");
  }

  @Test
  void aTargetThatCannotBeElectedIsRefusedAtPrecheck() throws Exception {
    lab.set().setPriority(lab.set().member("west-1"), 0);

    StepResult precheck =
        PlanRunner.run(connector, OperationType.SWITCHOVER, "west", Map.of(), Optional.empty())
            .get(StandardStepIds.PRECHECK_REPLICATION);

    assertThat(precheck.succeeded()).isFalse();
    assertThat(precheck.output()).contains("cannot be elected");
  }

  @Test
  void aFailoverAfterALostSiteStatesTheWindowFromTheMonitoredPrimaryMarker() throws Exception {
    lab.write(10);
    lab.pauseReplication();
    Thread.sleep(50);
    long acknowledged = lab.write(15);
    ProbeResult seen = connector.probe(Duration.ofSeconds(5));
    ReplicationMarker monitored = seen.primaryMarker().orElseThrow();
    ReplicationMarker drAtLoss = seen.drMarker().orElseThrow();
    Instant seenAt = seen.observedAt();
    lab.loseSite("east");

    Map<String, StepResult> results =
        PlanRunner.run(
            connector,
            OperationType.FAILOVER,
            "west",
            Map.of(),
            Optional.of(new ObservedMarker("east", monitored, seenAt)));

    assertThat(results.values()).allMatch(StepResult::succeeded);
    LossEvidence loss = results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow();
    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.lastPrimary()).contains(monitored);
    assertThat(loss.primaryLastSeenAt()).contains(seenAt);
    assertThat(loss.reached()).contains(drAtLoss);
    assertThat(loss.lossFrom()).isPresent();
    assertThat(loss.unit()).isEmpty();
    assertThat(loss.atMost()).isEmpty();
    assertThat(loss.statement())
        .contains("to " + monitored.value() + " where the primary was last seen");
    assertThat(lab.writesVisibleOn("west")).isLessThan(acknowledged);
    assertThat(lab.takesWrites("west")).isTrue();
  }

  @Test
  void aFailoverIsRefusedWhileTheOldPrimaryStillTakesWritesAfterAFenceThatDidNothing()
      throws Exception {
    Map<String, String> settings = new HashMap<>(lab.config().settings());
    var config = lab.config();
    var sites =
        config.sites().stream()
            .map(
                s ->
                    s.name().equals("east")
                        ? new io.continuity.connector.api.SiteEndpoint(
                            s.name(), s.role(), Map.of("action.fence", "true"), s.members())
                        : s)
            .toList();
    try (Connector noopFence =
        new MongoConnectorFactory()
            .create(
                new io.continuity.connector.api.ConnectorConfig(
                    config.resourceId(),
                    config.platform(),
                    sites,
                    settings,
                    config.secrets(),
                    config.secretResolver()))) {
      Map<String, StepResult> results =
          PlanRunner.run(noopFence, OperationType.FAILOVER, "west", Map.of(), Optional.empty());

      StepResult fence = results.get(StandardStepIds.FENCE_OLD_PRIMARY);
      assertThat(fence.succeeded()).isFalse();
      assertThat(fence.output()).contains("still answers as primary");
      assertThat(results).doesNotContainKey(StandardStepIds.PROMOTE_TARGET);
      assertThat(lab.takesWrites("west")).isFalse();
    }
  }
}
