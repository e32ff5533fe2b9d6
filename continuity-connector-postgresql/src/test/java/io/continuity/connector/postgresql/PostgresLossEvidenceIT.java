package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Failover loss evidence on real pairs, each compared with the truth read from the dead primary's
 * WAL (issue 19): an idle primary (nothing lost: "caught up" only when proven), a primary stopped
 * cleanly (exact), and a primary whose data directory cannot be read (bounds only, saying why).
 */
class PostgresLossEvidenceIT {

  @Test
  void anIdlePrimaryIsProvenCaughtUpOnlyWhenItsFinalPositionIsRead() throws Exception {
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries())) {
      PostgresNode east = pair.node("east");
      PostgresNode west = pair.node("west");
      east.sql("create table t(id int)");
      ObservedMarker seen = lastSeen(pair, LabConfigs.withActions("idle", pair, Set.of("fence")));
      String caughtUp = east.sql("select pg_current_wal_lsn()::text");
      west.awaitAnswer(
          "select pg_last_wal_replay_lsn() >= '" + caughtUp + "'::pg_lsn",
          "t",
          Duration.ofSeconds(20));
      pair.stop(east, StopMode.IMMEDIATE);

      LossEvidence withoutFinal =
          failover(LabConfigs.withActions("idle-a", pair, Set.of("fence")), Optional.of(seen));

      assertThat(withoutFinal.conclusion())
          .as("without the final position, nothing proves the primary wrote nothing more")
          .isEqualTo(LossConclusion.POTENTIAL_LOSS);
      assertThat(withoutFinal.atLeast()).contains(BigInteger.ZERO);
      assertThat(withoutFinal.atMost()).isEmpty();
      assertThat(withoutFinal.statement()).doesNotContainIgnoringCase("caught up");
    }
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries())) {
      PostgresNode east = pair.node("east");
      PostgresNode west = pair.node("west");
      String end = east.sql("select pg_current_wal_lsn()::text");
      west.awaitAnswer(
          "select pg_last_wal_replay_lsn() >= '" + end + "'::pg_lsn", "t", Duration.ofSeconds(20));
      pair.stop(east, StopMode.IMMEDIATE);
      Lsn truth = FinalPositions.read(pair, east, west);

      LossEvidence withFinal =
          failover(
              LabConfigs.withActions("idle-b", pair, Set.of("fence", "final-position")),
              Optional.empty());

      assertThat(withFinal.conclusion())
          .as("the idle primary's WAL ends where the standby is: %s", withFinal.statement())
          .isEqualTo(LossConclusion.CAUGHT_UP);
      assertThat(withFinal.finalPrimary().map(m -> m.value())).contains(truth.toString());
    }
  }

  @Test
  void aPrimaryStoppedCleanlyStatesTheExactLoss() throws Exception {
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries())) {
      PostgresNode east = pair.node("east");
      PostgresNode west = pair.node("west");
      east.sql("create table t(id int)");
      west.awaitAnswer(
          "select count(*) from pg_class where relname = 't'", "1", Duration.ofSeconds(20));
      pair.breakReplication();
      east.sql("insert into t select generate_series(1, 500)");
      pair.stop(east, StopMode.FAST);
      Lsn truth = FinalPositions.read(pair, east, west);

      Map<String, StepResult> results =
          PlanRunner.run(
              new PostgresConnectorFactory()
                  .create(LabConfigs.withActions("clean", pair, Set.of("fence", "final-position"))),
              OperationType.FAILOVER,
              "west",
              Map.of(),
              Optional.empty());
      LossEvidence loss = results.get(StepIds.PROMOTE_TARGET).loss().orElseThrow();
      Lsn promotedAt =
          Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN));

      assertThat(loss.exact()).isTrue();
      assertThat(loss.finalPrimary().map(m -> m.value())).contains(truth.toString());
      assertThat(loss.atLeast())
          .contains(BigInteger.valueOf(truth.value() - promotedAt.value()))
          .isEqualTo(loss.atMost());
      assertThat(west.sql("select count(*) from t")).as("the 500 rows are the loss").isEqualTo("0");
    }
  }

  @Test
  void aPrimaryWhoseDataCannotBeReadGivesBoundsOnlyAndSaysWhy() throws Exception {
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries())) {
      PostgresNode east = pair.node("east");
      PostgresNode west = pair.node("west");
      east.sql("create table t(id int)");
      west.awaitAnswer(
          "select count(*) from pg_class where relname = 't'", "1", Duration.ofSeconds(20));
      pair.breakReplication();
      east.sql("set synchronous_commit = on; insert into t select generate_series(1, 200)");
      ConnectorConfig config =
          withAction(
              LabConfigs.withActions("disk", pair, Set.of("fence")),
              "east",
              "final-position",
              "echo 'ssh: connect to host east: No route to host' >&2; exit 255");
      ObservedMarker seen = lastSeen(pair, config);
      pair.stop(east, StopMode.IMMEDIATE);
      Lsn truth = FinalPositions.read(pair, east, west);

      Map<String, StepResult> results =
          PlanRunner.run(
              new PostgresConnectorFactory().create(config),
              OperationType.FAILOVER,
              "west",
              Map.of(),
              Optional.of(seen));
      LossEvidence loss = results.get(StepIds.PROMOTE_TARGET).loss().orElseThrow();
      Lsn promotedAt =
          Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN));

      assertThat(results.get(StepIds.CAPTURE_MARKERS).facts().get(Facts.FINAL_POSITION_PROBLEM))
          .contains("exited with 255")
          .contains("No route to host");
      assertThat(loss.exact()).isFalse();
      assertThat(loss.atMost()).isEmpty();
      assertThat(loss.atLeast().orElseThrow().longValueExact())
          .as("the lower bound never exceeds the truth")
          .isPositive()
          .isLessThanOrEqualTo(truth.value() - promotedAt.value());
    }
  }

  private static LossEvidence failover(ConnectorConfig config, Optional<ObservedMarker> seen)
      throws Exception {
    try (Connector connector = new PostgresConnectorFactory().create(config)) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.FAILOVER, "west", Map.of(), seen);
      PlanRunner.assertAllSucceeded(
          results,
          connector.plan(
              new io.continuity.connector.api.OperationRequest(
                  OperationType.FAILOVER, "west", Map.of())));
      return results.get(StepIds.PROMOTE_TARGET).loss().orElseThrow();
    }
  }

  /** What monitoring would store: a probe's primary marker, its site and time. */
  private static ObservedMarker lastSeen(PostgresPair pair, ConnectorConfig config)
      throws Exception {
    try (Connector connector = new PostgresConnectorFactory().create(config)) {
      ProbeResult probe = connector.probe(Duration.ofSeconds(5));
      return new ObservedMarker(
          probe.primarySite().orElseThrow(),
          probe.primaryMarker().orElseThrow(),
          probe.observedAt());
    }
  }

  private static ConnectorConfig withAction(
      ConnectorConfig config, String site, String action, String command) {
    List<SiteEndpoint> sites =
        config.sites().stream()
            .map(
                e -> {
                  if (!e.name().equals(site)) {
                    return e;
                  }
                  Map<String, String> settings = new LinkedHashMap<>(e.settings());
                  settings.put("action." + action, command);
                  return new SiteEndpoint(e.name(), e.role(), settings);
                })
            .toList();
    return new ConnectorConfig(
        config.resourceId(),
        config.platform(),
        sites,
        config.settings(),
        config.secrets(),
        config.secretResolver());
  }
}
