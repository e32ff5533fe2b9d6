package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Planned switchovers under continuous writes, there and back, and the promote refusal. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresSwitchoverIT {

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
  void switchoverUnderWritesKeepsEveryAcknowledgedWriteAndRejoinsTheOldPrimary() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("sw-1", pair))) {
      Map<String, StepResult> results = switchUnderWrites(connector, "west", west, 1);

      assertThat(results.get(StepIds.QUIESCE_PRIMARY).facts())
          .containsEntry(Facts.QUIESCE_METHOD, Facts.STOP_ACTION)
          .containsEntry(Facts.FINAL_LSN_KIND, Facts.SHUTDOWN_CHECKPOINT);
      Lsn finalLsn = Lsn.parse(results.get(StepIds.QUIESCE_PRIMARY).facts().get(Facts.FINAL_LSN));
      Lsn promotedAt =
          Lsn.parse(results.get(StepIds.PROMOTE_TARGET).facts().get(Facts.PROMOTED_AT_LSN));
      assertThat(promotedAt)
          .as("promoted only past the shutdown checkpoint")
          .isGreaterThan(finalLsn);
      assertThat(east.isInRecovery()).isTrue();
      StepResult rejoin = results.get(StepIds.REJOIN_OLD_PRIMARY);
      assertThat(rejoin.output())
          .as("a clean switchover leaves nothing to rewind: the old primary follows as it is")
          .contains("nothing diverged: shut down cleanly at " + finalLsn)
          .doesNotContain("kept-diverged-wal");
      assertThat(rejoin.facts()).doesNotContainKey(Facts.KEPT_DIVERGED_WAL);
      ProbeResult probe = connector.probe(Duration.ofSeconds(5));
      assertThat(probe.payload().asMap()).containsEntry("primarySite", "west");
      assertThat(probe.replicationState()).isEqualTo(ReplicationState.STREAMING);
    }
  }

  @Test
  @Order(2)
  void switchoverBackWithoutStopActionQuiescesByReadOnly() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    try (Connector connector =
        new PostgresConnectorFactory()
            .create(LabConfigs.withActions("sw-2", pair, Set.of("rejoin")))) {
      Map<String, StepResult> results = switchUnderWrites(connector, "east", east, 10_000_000);

      assertThat(results.get(StepIds.QUIESCE_PRIMARY).facts())
          .containsEntry(Facts.QUIESCE_METHOD, Facts.READ_ONLY);
      assertThat(west.isInRecovery()).isTrue();
      assertThat(west.sql("show default_transaction_read_only")).isEqualTo("off");
    }
  }

  @Test
  @Order(3)
  void promotionIsRefusedWhileTheTargetHasNotReplayedTheFinalLsnAndTheOldPrimaryIsPutBack()
      throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("sw-3", pair))) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      pair.pauseReplay();
      try {
        east.sql("insert into acks select g from generate_series(90000001, 90001000) g");
        east.sql("alter system set default_transaction_read_only = on");
        east.sql("select pg_reload_conf()");
        String finalLsn = east.sql("select pg_current_wal_insert_lsn()");
        Map<String, String> facts =
            Map.of(
                Facts.FINAL_LSN,
                finalLsn,
                Facts.FINAL_LSN_KIND,
                Facts.READ_ONLY_CURRENT,
                Facts.QUIESCE_METHOD,
                Facts.READ_ONLY);

        StepResult promote =
            connector.execute(
                plan.step(StepIds.PROMOTE_TARGET).orElseThrow(),
                new StepContext("refusal", plan, facts),
                Duration.ofSeconds(30));

        assertThat(promote.succeeded()).isFalse();
        assertThat(promote.output())
            .startsWith("REFUSED")
            .contains(finalLsn)
            .contains("Rolled back");
        assertThat(promote.facts()).containsEntry(QuiesceUndo.ROLLED_BACK, "true");
        assertThat(west.isInRecovery()).as("nothing was promoted").isTrue();
        assertThat(east.sql("show default_transaction_read_only"))
            .as("the quiesced old primary takes writes again")
            .isEqualTo("off");
      } finally {
        pair.resumeReplay();
      }
    }
  }

  @Test
  @Order(4)
  void aSwitchoverWhoseTargetCannotCatchUpStartsTheStoppedOldPrimaryAgain() throws Exception {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    try (Connector connector =
        new PostgresConnectorFactory()
            .create(LabConfigs.withAllActions("sw-4", pair, "catchUpTimeout", "2s"))) {
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, "west", Map.of()));
      Map<String, StepResult> results = new java.util.LinkedHashMap<>();
      Map<String, String> facts = new java.util.HashMap<>();
      try {
        for (String id :
            java.util.List.of(
                StepIds.PRECHECK_REPLICATION, StepIds.QUIESCE_PRIMARY, StepIds.WAIT_FOR_CATCH_UP)) {
          if (id.equals(StepIds.QUIESCE_PRIMARY)) {
            // the stream breaks after the precheck: west never receives the final checkpoint
            east.sql("insert into acks select g from generate_series(90002001, 90003000) g");
            pair.breakReplication();
          }
          PlanStep step = plan.step(id).orElseThrow();
          StepResult result =
              connector.execute(step, new StepContext("sw-4", plan, facts), step.timeout());
          results.put(id, result);
          facts.putAll(result.facts());
        }
      } finally {
        pair.restoreReplication();
      }
      StepResult catchUp = results.get(StepIds.WAIT_FOR_CATCH_UP);
      assertThat(results.get(StepIds.QUIESCE_PRIMARY).facts())
          .containsEntry(Facts.QUIESCE_METHOD, Facts.STOP_ACTION);
      assertThat(catchUp.succeeded()).isFalse();
      assertThat(catchUp.output()).contains("replayed only up to").contains("Rolled back");
      assertThat(pair.primary()).as("east is the primary again").isSameAs(east);
      east.sql("insert into acks values (90003001)");
      assertThat(west.isInRecovery()).isTrue();
    }
  }

  private static Map<String, StepResult> switchUnderWrites(
      Connector connector, String target, PostgresNode newPrimary, long firstId) throws Exception {
    Map<String, StepResult> results;
    Writer writer = new Writer(pair, firstId).start();
    try {
      awaitAcks(writer, 200);
      OperationPlan plan =
          connector.plan(new OperationRequest(OperationType.SWITCHOVER, target, Map.of()));
      long started = System.nanoTime();
      results = PlanRunner.run(connector, OperationType.SWITCHOVER, target, Map.of());
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      int before = writer.acknowledged().size();
      awaitAcks(writer, before + 100);
      PlanRunner.assertAllSucceeded(results, plan);
      System.out.printf(
          "switchover to %s: %d ms in all; writes unavailable for at most %d ms; %d writes"
              + " acknowledged, %d attempts failed%n",
          target,
          tookMs,
          writer.longestGap().toMillis(),
          writer.acknowledged().size(),
          writer.failures());
    } finally {
      writer.close();
    }
    assertThat(pair.primary()).isSameAs(newPrimary);
    Set<Long> present = ids(newPrimary);
    assertThat(writer.acknowledged()).isNotEmpty();
    assertThat(present)
        .as("every acknowledged write is on the new primary")
        .containsAll(writer.acknowledged());
    pair.awaitStreaming(pair.peerOf(newPrimary), Duration.ofSeconds(20));
    return results;
  }

  private static void awaitAcks(Writer writer, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (writer.acknowledged().size() < count) {
      assertThat(System.nanoTime())
          .as("writer reached %d acks; last error: %s", count, writer.lastError())
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Set<Long> ids(PostgresNode node) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(node.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from acks")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
