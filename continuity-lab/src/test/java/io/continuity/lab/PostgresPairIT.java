package io.continuity.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.lab.junit.LabAssumptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real pair, taken through the life a DR test needs: ordered, each test leaves it streaming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresPairIT {

  private static PostgresPair pair;

  @BeforeAll
  static void startPair() {
    long started = System.nanoTime();
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    System.out.printf("lab pair up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void tearDown() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  @Order(1)
  void standbyStreamsWhatThePrimaryWrites() {
    PostgresNode primary = pair.node("east");
    primary.sql("create table t(id int primary key)");
    primary.sql("insert into t values (1)");

    awaitRows(pair.node("west"), 1);

    assertThat(pair.primary()).isSameAs(primary);
    assertThat(pair.standby().name()).isEqualTo("west");
    assertThat(pair.node("west").isInRecovery()).isTrue();
  }

  @Test
  @Order(2)
  void pausedReplayHoldsBackRowsUntilResumed() throws Exception {
    pair.pauseReplay();
    pair.primary().sql("insert into t values (2)");
    Thread.sleep(300);

    assertThat(pair.standby().sql("select count(*) from t")).isEqualTo("1");
    assertThat(pair.standby().sql("select pg_is_wal_replay_paused()")).isEqualTo("t");

    pair.resumeReplay();
    awaitRows(pair.standby(), 2);
  }

  @Test
  @Order(3)
  void brokenReplicationStopsTheWalReceiverUntilRestored() throws Exception {
    pair.breakReplication();
    pair.node("west")
        .await(
            "WAL receiver to stop",
            Duration.ofSeconds(10),
            () -> pair.node("east").sql("select count(*) from pg_stat_replication").equals("0"));
    pair.primary().sql("insert into t values (3)");
    Thread.sleep(300);
    assertThat(pair.standby().sql("select count(*) from t")).isEqualTo("2");

    pair.restoreReplication();
    awaitRows(pair.standby(), 3);
  }

  @Test
  @Order(4)
  void switchoverByHandThenOldPrimaryRejoinsWithoutLosingRows() {
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");

    pair.stop(east, StopMode.FAST);
    pair.promote(west);
    pair.rejoin(east);

    assertThat(pair.primary()).isSameAs(west);
    west.sql("insert into t values (4)");
    awaitRows(east, 4);
    assertThat(east.isInRecovery()).isTrue();
  }

  @Test
  @Order(5)
  void divergedOldPrimaryIsRewoundAndFollowsTheNewTimeline() {
    PostgresNode west = pair.node("west");
    PostgresNode east = pair.node("east");
    pair.breakReplication();
    west.sql("insert into t values (5)");
    pair.stop(west, StopMode.IMMEDIATE);
    pair.promote(east);
    east.sql("insert into t values (6)");

    pair.rewind(west);

    assertThat(pair.primary()).isSameAs(east);
    awaitRows(west, 5);
    assertThat(west.sql("select string_agg(id::text, ',' order by id) from t"))
        .as("row 5 was never replicated: the rewind removed it from the old primary")
        .isEqualTo("1,2,3,4,6");
  }

  @Test
  @Order(6)
  void hostActionScriptsStopPrintingTheCheckpointAndStartAgain() {
    PostgresNode standby = pair.standby();
    HostActionScripts scripts = pair.hostActions();

    CommandResult stopped = scripts.run(standby, pair.peerOf(standby), HostAction.STOP);
    assertThat(stopped.output()).contains("Latest checkpoint location:");
    assertThat(standby.isRunning()).isFalse();
    CommandResult again = scripts.run(standby, pair.peerOf(standby), HostAction.STOP);
    assertThat(again.succeeded()).as("stop is idempotent: " + again.output()).isTrue();

    assertThat(scripts.run(standby, pair.peerOf(standby), HostAction.START).succeeded()).isTrue();
    pair.awaitStreaming(standby, Duration.ofSeconds(20));
  }

  @Test
  @Order(7)
  void closingStopsBothServersAndDeletesTheDirectory() {
    Path dir = pair.directory();
    PostgresNode east = pair.node("east");

    pair.close();

    assertThat(east.isRunning()).isFalse();
    assertThat(Files.exists(dir)).isFalse();
  }

  private static void awaitRows(PostgresNode node, int rows) {
    node.awaitAnswer("select count(*) from t", Integer.toString(rows), Duration.ofSeconds(20));
  }
}
