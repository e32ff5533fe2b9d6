package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.mongodb.fake.FakeLab;
import io.continuity.connector.support.StandardStepIds;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.mongodb.FakeReplicaSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failover with diverged writes, then failback: rollback reported, switchover back proven. */
class MongoFailbackTest {

  @Test
  void theOldPrimaryRollsBackItsDivergedWritesAndTheFailbackSwitchesBackWithoutLoss()
      throws Exception {
    try (FakeLab lab = new FakeLab()) {
      lab.write(10);
      lab.pauseReplication();
      lab.write(5); // on east only: the DR member never gets them
      Optional<ObservedMarker> monitored;
      try (Connector c = new MongoConnectorFactory().create(lab.config())) {
        ProbeResult seen = c.probe(Duration.ofSeconds(5));
        monitored =
            Optional.of(
                new ObservedMarker("east", seen.primaryMarker().orElseThrow(), seen.observedAt()));
      }
      lab.loseSite("east");
      try (Connector c = new MongoConnectorFactory().create(lab.config())) {
        Map<String, StepResult> failover =
            PlanRunner.run(c, OperationType.FAILOVER, "west", Map.of(), monitored);
        assertThat(failover.values()).allMatch(StepResult::succeeded);
        assertThat(failover.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
            .isEqualTo(LossConclusion.POTENTIAL_LOSS);
      }
      lab.write(3); // on west, the new primary
      FakeReplicaSet set = lab.set();
      set.restart(set.member("east-1"));
      set.restart(set.member("east-2"));
      assertThat(set.state(set.member("east-1"))).as("the set no longer lists it").isEqualTo(10);

      try (Connector c = new MongoConnectorFactory().create(lab.config())) {
        ProbeResult afterFailover = c.probe(Duration.ofSeconds(5));
        assertThat(afterFailover.primarySite()).contains("west");

        Map<String, StepResult> failback =
            PlanRunner.run(c, OperationType.FAILBACK, "east", Map.of(), Optional.empty());

        assertThat(failback.values()).as("%s", failback).allMatch(StepResult::succeeded);
        StepResult resync = failback.get(StandardStepIds.RESYNC_TARGET);
        assertThat(resync.facts()).containsKey("rolledBack.east-1");
        assertThat(resync.output()).contains("rolled them back into").contains("never deletes");
        assertThat(set.rollbackFiles(set.member("east-1")))
            .as("the fake, like mongod, kept the diverged writes in rollback files")
            .isNotEmpty()
            .allSatisfy(f -> assertThat(f).startsWith("rollback/lab.writes/removed."));
        assertThat(failback.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
            .isEqualTo(LossConclusion.CAUGHT_UP);
        assertThat(set.primary().map(FakeReplicaSet.Member::name)).contains("east-1");
        assertThat(lab.writesVisibleOn("east"))
            .as("east holds what west had (10 + 3), not its 5 rolled-back writes")
            .isEqualTo(13)
            .isEqualTo(lab.writesVisibleOn("west"));
        ProbeResult back = c.probe(Duration.ofSeconds(5));
        assertThat(back.primarySite()).contains("east");
      }
    }
  }

  @Test
  void everyIdempotentFailoverAndFailbackStepCanRunTwice() throws Exception {
    try (FakeLab lab = new FakeLab()) {
      lab.write(10);
      lab.loseSite("east");
      try (Connector c = new MongoConnectorFactory().create(lab.config())) {
        Map<String, StepResult> failover =
            io.continuity.connector.testkit.PlanRunner.runEachStepTwice(
                c, OperationType.FAILOVER, "west");
        assertThat(failover.values()).as("%s", failover).allMatch(StepResult::succeeded);
      }
      lab.write(2);
      FakeReplicaSet set = lab.set();
      set.restart(set.member("east-1"));
      set.restart(set.member("east-2"));
      try (Connector c = new MongoConnectorFactory().create(lab.config())) {
        Map<String, StepResult> failback =
            io.continuity.connector.testkit.PlanRunner.runEachStepTwice(
                c, OperationType.FAILBACK, "east");
        assertThat(failback.values()).as("%s", failback).allMatch(StepResult::succeeded);
        assertThat(failback.get(StandardStepIds.RESYNC_TARGET).output()).contains("no rollback");
      }
      assertThat(set.primary().map(FakeReplicaSet.Member::name)).contains("east-1");
      assertThat(lab.writesVisibleOn("east")).isEqualTo(12);
    }
  }
}
