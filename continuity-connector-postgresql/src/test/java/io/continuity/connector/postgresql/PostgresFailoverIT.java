package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
  void failoverAfterDivergenceReportsTheLossWindowThatWasReallyLost() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    east.sql("create table events(id int primary key)");
    Lsn replicated;
    Map<Integer, Lsn> lost = new LinkedHashMap<>();
    Lsn afterLastLostCommit;
    try (Connection c = DriverManager.getConnection(east.jdbcUrl(), "postgres", "")) {
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
      afterLastLostCommit = current(c);
    }
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("fo-1", pair))) {
      ProbeResult lastSeen = connector.probe(Duration.ofSeconds(5));
      String lastObserved = lastSeen.primaryMarker().orElseThrow().value();
      pair.stop(east, StopMode.IMMEDIATE);

      Map<String, StepResult> results =
          PlanRunner.run(
              connector,
              OperationType.FAILOVER,
              "west",
              Map.of(Facts.LAST_OBSERVED_PRIMARY_LSN, lastObserved));

      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.FAILOVER, "west", Map.of()));
      PlanRunner.assertAllSucceeded(results, plan);
      Map<String, String> facts = results.get(StepIds.PROMOTE_TARGET).facts();
      assertThat(facts)
          .containsEntry(Facts.CONCLUSION, Facts.POTENTIAL_LOSS)
          .containsEntry(Facts.LAST_PRIMARY_LSN, lastObserved);
      Lsn promotedAt = Lsn.parse(facts.get(Facts.PROMOTED_AT_LSN));
      Lsn last = Lsn.parse(lastObserved);
      assertThat(Long.parseLong(facts.get(Facts.POTENTIAL_LOSS_BYTES)))
          .isEqualTo(last.value() - promotedAt.value())
          .isPositive();
      assertThat(promotedAt).isGreaterThanOrEqualTo(replicated);
      assertThat(afterLastLostCommit).isLessThanOrEqualTo(last);
      assertThat(west.sql("select string_agg(id::text, ',' order by id) from events"))
          .as("exactly the rows written before the cut survived")
          .isEqualTo(ids(1, 20));
      assertThat(lost.values())
          .as("every lost row's WAL lies inside the reported loss window")
          .allSatisfy(lsn -> assertThat(lsn).isGreaterThan(promotedAt).isLessThanOrEqualTo(last));
      assertThat(results.get(StepIds.FENCE_OLD_PRIMARY).output()).contains("fenced");
      System.out.println("failover evidence: " + facts.get(Facts.EVIDENCE));
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
    }
    assertThat(pair.primary()).isSameAs(east);
    pair.awaitStreaming(west, Duration.ofSeconds(20));
    assertThat(east.sql("select string_agg(id::text, ',' order by id) from events"))
        .as("the diverged rows are gone, the row written on west after the failover is kept")
        .isEqualTo(ids(1, 20) + ",100");
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
