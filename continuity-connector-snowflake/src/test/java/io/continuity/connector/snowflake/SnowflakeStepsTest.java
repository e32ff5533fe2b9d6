package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.StandardStepIds;
import io.continuity.lab.snowflake.FakeSnowflake;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each step's gate and evidence, step by step against the fake accounts. */
class SnowflakeStepsTest {

  private SnowflakeLab lab;
  private Connector connector;

  @BeforeEach
  void open() throws Exception {
    lab = new SnowflakeLab(null);
    connector = new SnowflakeConnectorFactory().create(lab.config());
  }

  @AfterEach
  void close() {
    connector.close();
    lab.close();
  }

  private StepResult run(
      OperationType type, String stepId, String execution, Map<String, String> facts)
      throws Exception {
    return run(type, stepId, new StepContext(execution, plan(type), facts));
  }

  private StepResult run(OperationType type, String stepId, StepContext context) throws Exception {
    OperationPlan plan = context.plan();
    return connector.execute(plan.step(stepId).orElseThrow(), context, Duration.ofSeconds(5));
  }

  private OperationPlan plan(OperationType type) throws Exception {
    String target = type == OperationType.FAILBACK ? "east" : "west";
    return connector.plan(new OperationRequest(type, target, Map.of()));
  }

  @Test
  void promoteRefusesWhenTheNewestSnapshotIsBeforeTheQuiesceTime() throws Exception {
    long future = lab.fake.nowMicros() + 60_000_000L;

    StepResult result =
        run(
            OperationType.SWITCHOVER,
            StandardStepIds.PROMOTE_TARGET,
            "x1",
            Map.of(StepSupport.QUIESCED_AT, Long.toString(future)));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.output()).contains("gate refused");
    assertThat(result.loss()).isEmpty();
    assertThat(lab.fake.primaryAccount).as("nothing was promoted").isEqualTo("EAST");
  }

  @Test
  void aRefreshThatStartedBeforeTheQuiesceDoesNotPassTheGateAndAnotherOneIsRun() throws Exception {
    lab.write(10);
    lab.fake.replicationPaused = true;
    FakeSnowflake.Job racing = lab.fake.startRefresh(lab.west());
    waitUntil(() -> racing.snapshot != null);
    lab.write(5);
    Map<String, String> facts = new HashMap<>();
    StepResult quiesce =
        run(OperationType.SWITCHOVER, StandardStepIds.QUIESCE_PRIMARY, "race", facts);
    facts.putAll(quiesce.facts());
    lab.fake.replicationPaused = false;

    StepResult wait =
        run(OperationType.SWITCHOVER, StandardStepIds.WAIT_FOR_CATCH_UP, "race", facts);

    long quiescedAt = Long.parseLong(quiesce.facts().get(StepSupport.QUIESCED_AT));
    assertThat(racing.snapshot)
        .as("the racing refresh snapshotted before the quiesce")
        .isLessThan(quiescedAt);
    assertThat(wait.succeeded()).as(wait.output()).isTrue();
    assertThat(Long.parseLong(wait.facts().get(StepSupport.SNAPSHOT)))
        .isGreaterThanOrEqualTo(quiescedAt);
    assertThat(wait.output()).doesNotContain(racing.uuid);
    assertThat(lab.writesVisibleOn("west")).isEqualTo(15);
    LossEvidence loss = wait.loss().orElseThrow();
    assertThat(loss.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
    assertThat(loss.finalPrimary().orElseThrow().position().longValue()).isEqualTo(quiescedAt);
  }

  @Test
  void aTargetThatCannotCatchUpReleasesTheQuiesceAndPromotesNothing() throws Exception {
    Map<String, String> facts = new HashMap<>();
    facts.putAll(
        run(OperationType.SWITCHOVER, StandardStepIds.QUIESCE_PRIMARY, "stuck", facts).facts());
    assertThat(lab.takesWrites("east")).isFalse();
    lab.fake.failRefreshes = true;

    StepResult wait =
        run(OperationType.SWITCHOVER, StandardStepIds.WAIT_FOR_CATCH_UP, "stuck", facts);

    assertThat(wait.succeeded()).isFalse();
    assertThat(wait.output()).contains("quiesce on east was released");
    assertThat(lab.takesWrites("east")).as("the primary takes writes again").isTrue();
    assertThat(lab.fake.primaryAccount).isEqualTo("EAST");
  }

  @Test
  void aRerunQuiesceIsAnsweredByItsRequestIdAndNeverRunsTheStatementTwice() throws Exception {
    run(OperationType.SWITCHOVER, StandardStepIds.QUIESCE_PRIMARY, "twice", Map.of());
    run(OperationType.SWITCHOVER, StandardStepIds.QUIESCE_PRIMARY, "twice", Map.of());

    assertThat(lab.east().executed).filteredOn(s -> s.startsWith("ALTER USER")).hasSize(1);
    assertThat(lab.east().replayed).containsExactly("ALTER USER APP SET DISABLED = TRUE");
  }

  @Test
  void failoverEvidenceIsAPotentialLossFromTheSnapshotWithTheMonitoredPrimaryMarkerAndNoUnit()
      throws Exception {
    lab.write(3);
    long snapshot = lab.west().history.get(0).snapshot;
    long seen = lab.fake.nowMicros();
    Instant seenAt = Instant.now();
    lab.loseSite("east");
    StepContext context =
        new StepContext("fo", plan(OperationType.FAILOVER), Map.of())
            .withLastPrimaryMarker(new ObservedMarker("east", SnapshotTime.marker(seen), seenAt));
    Map<String, String> facts =
        new HashMap<>(
            run(OperationType.FAILOVER, StandardStepIds.CAPTURE_MARKERS, context).facts());

    StepResult promote =
        run(
            OperationType.FAILOVER,
            StandardStepIds.PROMOTE_TARGET,
            new StepContext("fo", context.plan(), facts, context.lastPrimaryMarker()));

    assertThat(promote.succeeded()).as(promote.output()).isTrue();
    LossEvidence loss = promote.loss().orElseThrow();
    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.reached().orElseThrow().position().longValue()).isEqualTo(snapshot);
    assertThat(loss.lastPrimary().orElseThrow().position().longValue()).isEqualTo(seen);
    assertThat(loss.primaryLastSeenAt()).contains(seenAt);
    assertThat(loss.lossFrom()).contains(SnapshotTime.instant(snapshot));
    assertThat(loss.unit()).isEmpty();
    assertThat(loss.atMost()).as("no upper bound is known").isEmpty();
    assertThat(loss.exact()).isFalse();
    assertThat(loss.statement())
        .doesNotContainIgnoringCase("up to")
        .doesNotContainIgnoringCase("caught up");
    assertThat(lab.fake.primaryAccount).isEqualTo("WEST");
  }

  @Test
  void failoverWithoutAnyCompletedRefreshSaysTheMarkerIsUnavailable() throws Exception {
    lab.west().history.clear();

    StepResult promote =
        run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "none", Map.of());

    assertThat(promote.loss().orElseThrow().conclusion())
        .isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
  }

  @Test
  void failoverWithoutAnyObservedPrimaryPositionIsMarkerUnavailableButStatesTheSnapshot()
      throws Exception {
    long snapshot = lab.west().history.get(0).snapshot;
    lab.loseSite("east");

    StepResult promote =
        run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "unseen", Map.of());

    LossEvidence loss = promote.loss().orElseThrow();
    assertThat(loss.conclusion()).isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
    assertThat(loss.reached().orElseThrow().position().longValue()).isEqualTo(snapshot);
    assertThat(loss.lossFrom()).contains(SnapshotTime.instant(snapshot));
    assertThat(loss.statement()).contains("metadata only");
  }

  @Test
  void promoteRunAgainAcceptsOnlyThisRunsOwnPromotion() throws Exception {
    StepResult first =
        run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "mine", Map.of());
    StepResult again =
        run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "mine", Map.of());
    StepResult other =
        run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "someone-else", Map.of());

    assertThat(first.succeeded()).isTrue();
    assertThat(again.succeeded()).isTrue();
    assertThat(again.output()).contains("this run's earlier attempt");
    assertThat(lab.west().executed).filteredOn(s -> s.endsWith("PRIMARY")).hasSize(2);
    assertThat(other.succeeded()).isFalse();
    assertThat(other.output()).contains("not by this run");
  }

  @Test
  void failbackRefreshesTheOldPrimaryThenSwitchesBack() throws Exception {
    io.continuity.connector.testkit.PlanRunner.run(
        connector, OperationType.FAILOVER, "west", Map.of());
    lab.write(7);

    var results =
        io.continuity.connector.testkit.PlanRunner.run(
            connector, OperationType.FAILBACK, "east", Map.of());

    assertThat(results.values()).allMatch(StepResult::succeeded);
    assertThat(lab.fake.primaryAccount).isEqualTo("EAST");
    assertThat(lab.takesWrites("east")).isTrue();
    assertThat(lab.writesVisibleOn("east")).isEqualTo(lab.write(0));
    assertThat(results.get(StandardStepIds.PROMOTE_TARGET).loss().orElseThrow().conclusion())
        .isEqualTo(LossConclusion.CAUGHT_UP);
  }

  @Test
  void aConfiguredConnectionIsRedirectedRightAfterThePromotionAndOnlyOnce() throws Exception {
    connector.close();
    connector = new SnowflakeConnectorFactory().create(lab.with("connection", "APP_CONN").config());
    assertThat(plan(OperationType.SWITCHOVER).steps().stream().map(s -> s.id()).toList())
        .containsSubsequence("promote-target", "redirect-clients", "rejoin-old-primary");

    var results =
        io.continuity.connector.testkit.PlanRunner.runEachStepTwice(
            connector, OperationType.SWITCHOVER, "west");

    assertThat(results.values()).allMatch(StepResult::succeeded);
    assertThat(lab.fake.connectionPrimary).isEqualTo("WEST");
    assertThat(lab.west().executed).filteredOn(s -> s.startsWith("ALTER CONNECTION")).hasSize(1);
  }

  @Test
  void aQuiesceHostActionRunsWithTheSiteContractAndItsFailureStopsTheStep(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path marker = dir.resolve("quiesced");
    ConnectorConfig base = lab.with("quiesceStatement", null).config();
    ConnectorConfig withAction =
        withSiteSettings(
            base,
            Map.of(
                "action.quiesce", "echo \"$CONTINUITY_SITE $CONTINUITY_PEER_SITE\" > " + marker));
    try (Connector c = new SnowflakeConnectorFactory().create(withAction)) {
      assertThat(c.capabilities().has(io.continuity.connector.api.Capability.SWITCHOVER)).isTrue();
      OperationPlan plan = c.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      StepResult quiesce =
          c.execute(
              plan.step(StandardStepIds.QUIESCE_PRIMARY).orElseThrow(),
              new StepContext("act", plan, Map.of()),
              Duration.ofSeconds(5));
      assertThat(quiesce.succeeded()).as(quiesce.output()).isTrue();
      assertThat(quiesce.output()).contains("action.quiesce");
      assertThat(java.nio.file.Files.readString(marker).trim()).isEqualTo("east west");
      assertThat(quiesce.facts()).containsKey(StepSupport.QUIESCED_AT);
    }
    ConnectorConfig failing = withSiteSettings(base, Map.of("action.quiesce", "exit 3"));
    try (Connector c = new SnowflakeConnectorFactory().create(failing)) {
      OperationPlan plan = c.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      StepResult quiesce =
          c.execute(
              plan.step(StandardStepIds.QUIESCE_PRIMARY).orElseThrow(),
              new StepContext("act2", plan, Map.of()),
              Duration.ofSeconds(5));
      assertThat(quiesce.succeeded()).isFalse();
      assertThat(quiesce.output()).contains("exited 3");
      assertThat(quiesce.facts()).doesNotContainKey(StepSupport.QUIESCED_AT);
    }
  }

  @Test
  void aPromotionWhoseAnswersAreAllLostIsAnUnknownOutcomeAndAnUnreachableTargetIsNotStarted()
      throws Exception {
    lab.west().dropOnly = "GROUP FG1 PRIMARY";
    lab.west().dropAnswers.set(1_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "lost", Map.of()))
        .isInstanceOfSatisfying(
            io.continuity.connector.api.ConnectorException.class,
            e -> {
              assertThat(e.effect())
                  .isEqualTo(io.continuity.connector.api.ConnectorException.StepEffect.UNKNOWN);
              assertThat(e.getMessage()).contains("may have run");
            });
    assertThat(lab.fake.primaryAccount).as("the promotion did run").isEqualTo("WEST");
    lab.west().dropAnswers.set(0);
    lab.loseSite("west");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> run(OperationType.FAILOVER, StandardStepIds.PROMOTE_TARGET, "down", Map.of()))
        .isInstanceOfSatisfying(
            io.continuity.connector.api.ConnectorException.class,
            e -> {
              assertThat(e.effect())
                  .isEqualTo(io.continuity.connector.api.ConnectorException.StepEffect.NONE);
              assertThat(e.isRetriable()).isTrue();
            });
  }

  private static ConnectorConfig withSiteSettings(
      ConnectorConfig config, Map<String, String> extra) {
    java.util.List<io.continuity.connector.api.SiteEndpoint> sites = new java.util.ArrayList<>();
    for (io.continuity.connector.api.SiteEndpoint site : config.sites()) {
      sites.add(
          new io.continuity.connector.api.SiteEndpoint(
              site.name(), site.role(), extra, site.members()));
    }
    return new ConnectorConfig(
        config.resourceId(),
        config.platform(),
        sites,
        config.settings(),
        config.secrets(),
        config.secretResolver());
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
