package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An unplanned failover after the pair diverged, whose evidence must match what was really lost;
 * then a failback that rewinds the old primary and switches back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresFailoverIT {

  private static PostgresPair pair;

  @BeforeAll
  static void startPair() {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  @Order(1)
  void failoverAfterAStreamCutStatesALowerBoundThatNeverUnderstatesTheTruth() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    east.sql("create table events(id int primary key)");
    Lsn replicated;
    Map<Integer, Lsn> lost = new LinkedHashMap<>();
    try (Connector connector =
            new PostgresConnectorFactory().create(LabConfigs.withAllActions("fo-1", pair));
        Connection c = DriverManager.getConnection(east.jdbcUrl(), "postgres", "")) {
      durableCommits(c);
      for (int id = 1; id <= 20; id++) {
        insert(c, id);
      }
      replicated = current(c);
      west.awaitAnswer("select count(*) from events", "20", Duration.ofSeconds(20));
      pair.breakReplication();
      east.awaitAnswer("select count(*) from pg_stat_replication", "0", Duration.ofSeconds(20));
      for (int id = 21; id <= 40; id++) {
        lost.put(id, insert(c, id));
      }
      ProbeResult lastSeen = connector.probe(Duration.ofSeconds(5));
      ObservedMarker monitored =
          new ObservedMarker("east", lastSeen.primaryMarker().orElseThrow(), lastSeen.observedAt());
      for (int id = 41; id <= 60; id++) {
        lost.put(id, insert(c, id));
      }
      c.close();
      pair.stop(east, StopMode.IMMEDIATE);

      Map<String, StepResult> results =
          PlanRunner.run(
              connector, OperationType.FAILOVER, "west", Map.of(), Optional.of(monitored));

      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.FAILOVER, "west", Map.of()));
      PlanRunner.assertAllSucceeded(results, plan);
      LossEvidence loss = results.get(StepIds.PROMOTE_TARGET).loss().orElseThrow();
      Lsn promotedAt =
          Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN));
      Lsn last = Lsn.parse(monitored.marker().value());
      Lsn truth = FinalPositions.read(pair, east, west);
      System.out.println("failover evidence: " + loss.statement() + " / truth end " + truth);

      assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
      assertThat(loss.exact()).isFalse();
      assertThat(loss.atMost()).as("no upper bound is claimed").isEmpty();
      assertThat(loss.atLeast()).contains(BigInteger.valueOf(last.value() - promotedAt.value()));
      assertThat(loss.lossFrom()).as("the time window is stated").isPresent();
      assertThat(loss.statement()).doesNotContain("up to").contains("final position is unknown");
      assertThat(truth.value() - promotedAt.value())
          .as("the lower bound never exceeds the real loss")
          .isGreaterThanOrEqualTo(loss.atLeast().orElseThrow().longValueExact());
      assertThat(promotedAt).isGreaterThanOrEqualTo(replicated);
      assertThat(west.sql("select string_agg(id::text, ',' order by id) from events"))
          .as("exactly the rows written before the cut survived")
          .isEqualTo(ids(1, 20));
      assertThat(lost.values())
          .as("every lost row's WAL lies after the promotion point and within the real end")
          .allSatisfy(lsn -> assertThat(lsn).isGreaterThan(promotedAt).isLessThanOrEqualTo(truth));
      assertThat(results.get(StepIds.FENCE_OLD_PRIMARY).output()).contains("fenced");
    }
  }

  @Test
  @Order(2)
  void failbackRewindsTheOldPrimaryAndSwitchesBack() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    west.sql("insert into events values (100)");
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("fb-1", pair))) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.FAILBACK, "east", Map.of());

      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.FAILBACK, "east", Map.of()));
      PlanRunner.assertAllSucceeded(results, plan);
      String kept =
          results.values().stream()
              .map(r -> r.facts().get(Facts.KEPT_DIVERGED_WAL))
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElseThrow(() -> new AssertionError("the failback kept no diverged WAL"));
      try (var files = java.nio.file.Files.list(java.nio.file.Path.of(kept))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("the old primary's WAL, with the lost transactions, is kept for a DBA")
            .anyMatch(name -> name.matches("[0-9A-F]{24}"));
      }
    }
    assertThat(pair.primary()).isSameAs(east);
    pair.awaitStreaming(west, Duration.ofSeconds(20));
    assertThat(east.sql("select string_agg(id::text, ',' order by id) from events"))
        .as("the diverged rows are gone, the row written on west after the failover is kept")
        .isEqualTo(ids(1, 20) + ",100");
  }

  @Test
  @Order(3)
  void withAFinalPositionActionTheFailoverStatesTheExactLossPgWaldumpShows() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    Map<Integer, Lsn> lost = new LinkedHashMap<>();
    try (Connector connector =
            new PostgresConnectorFactory()
                .create(
                    LabConfigs.withActions(
                        "fo-exact", pair, Set.of("fence", "rejoin", "final-position")));
        Connection c = DriverManager.getConnection(east.jdbcUrl(), "postgres", "")) {
      durableCommits(c);
      insert(c, 200);
      west.awaitAnswer("select count(*) from events where id = 200", "1", Duration.ofSeconds(20));
      pair.breakReplication();
      east.awaitAnswer("select count(*) from pg_stat_replication", "0", Duration.ofSeconds(20));
      for (int id = 201; id <= 230; id++) {
        lost.put(id, insert(c, id));
      }
      c.close();
      pair.stop(east, StopMode.IMMEDIATE);

      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.FAILOVER, "west", Map.of(), Optional.empty());

      PlanRunner.assertAllSucceeded(
          results, connector.plan(new OperationRequest(OperationType.FAILOVER, "west", Map.of())));
      LossEvidence loss = results.get(StepIds.PROMOTE_TARGET).loss().orElseThrow();
      Lsn promotedAt =
          Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN));
      Lsn truth = FinalPositions.read(pair, east, west);
      System.out.println("exact failover evidence: " + loss.statement());

      assertThat(loss.exact()).isTrue();
      assertThat(loss.finalPrimary().map(m -> m.value())).contains(truth.toString());
      assertThat(loss.atMost())
          .contains(BigInteger.valueOf(truth.value() - promotedAt.value()))
          .isEqualTo(loss.atLeast());
      assertThat(loss.statement()).startsWith("lost ").contains(truth.toString());
      assertThat(lost.values()).allSatisfy(lsn -> assertThat(lsn).isLessThanOrEqualTo(truth));
    }
  }

  /**
   * The lab runs with synchronous_commit off; an acknowledged write in these tests must be in the
   * WAL on disk, or the truth read from the dead primary's WAL would not hold it.
   */
  private static void durableCommits(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("set synchronous_commit = on");
    }
  }

  /** Inserts a row in its own transaction; returns the WAL insert position just after it. */
  private static Lsn insert(Connection c, int id) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "insert into events values (" + id + ") returning pg_current_wal_insert_lsn()")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  private static Lsn current(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_current_wal_insert_lsn()")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  private static String ids(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(","));
  }
}
