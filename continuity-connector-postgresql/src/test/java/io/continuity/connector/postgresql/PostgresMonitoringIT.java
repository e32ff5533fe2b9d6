package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatSpec;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What probes show for a healthy, lagging, broken and half-down pair. */
class PostgresMonitoringIT {

  private static PostgresPair pair;
  private Connector connector;

  @BeforeAll
  static void startPair() {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    pair.node("east").sql("create table t(id serial primary key, v text)");
    pair.node("east").sql("create table continuity_hb(id int primary key, written_at timestamptz)");
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @BeforeEach
  void connect() throws Exception {
    connector =
        new PostgresConnectorFactory()
            .create(LabConfigs.withAllActions("mon", pair, "heartbeatTable", "continuity_hb"));
  }

  @AfterEach
  void healPair() {
    connector.close();
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    east.start();
    west.start();
    if ("t".equals(west.sql("select pg_is_wal_replay_paused()"))) {
      pair.resumeReplay();
    }
    pair.restoreReplication();
  }

  @Test
  void idleHealthyPairStreamsWithZeroLagAndDiscoversThePrimary() throws Exception {
    pair.node("east").sql("insert into t(v) values ('x')");
    Thread.sleep(2500);

    ProbeResult probe = connector.probe(Duration.ofSeconds(5));

    assertThat(probe.allSitesReachable()).isTrue();
    assertThat(probe.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(probe.health()).isEqualTo(Health.HEALTHY);
    assertThat(probe.payload().asMap()).containsEntry("primarySite", "east");
    assertThat(probe.primaryMarker().orElseThrow().kind()).isEqualTo("WAL_LSN");
    assertThat(probe.lag().time().orElseThrow())
        .as("the last transaction is 2.5 s old, but nothing is missing: no idle-primary error")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(probe.lag().bytes().orElseThrow()).isLessThan(1024);
  }

  @Test
  void heartbeatWrittenOnThePrimaryIsReadOnTheStandby() throws Exception {
    connector.probe(Duration.ofSeconds(5));
    Thread.sleep(300);

    ProbeResult probe = connector.probe(Duration.ofSeconds(5));

    assertThat(probe.heartbeat()).isPresent();
    assertThat(probe.heartbeat().get().writtenAt()).isBefore(probe.heartbeat().get().readAt());
  }

  @Test
  void heartbeatLagMeasuresReplicationDelayNotTheTimeSinceTheLastProbe() throws Exception {
    connector.probe(Duration.ofSeconds(5));
    Thread.sleep(2000);

    ProbeResult probe = connector.probe(Duration.ofSeconds(5));

    Duration lag =
        Duration.between(
            probe.heartbeat().orElseThrow().writtenAt(), probe.heartbeat().get().readAt());
    assertThat(lag)
        .as("replication is instant: the lag is not the 2 s since the previous probe")
        .isLessThan(Duration.ofMillis(500));
    assertThat(probe.payload().asMap().get("heartbeat").toString()).contains("measured");
  }

  @Test
  void withAnIntervalTheHeartbeatIsWrittenOnlyWhenDueAndIsThenAnUpperBound() throws Exception {
    try (Connector paced =
        new PostgresConnectorFactory()
            .create(
                LabConfigs.withAllActions("mon-paced", pair)
                    .withHeartbeat(new HeartbeatSpec("continuity_hb", Duration.ofMinutes(10))))) {
      ProbeResult first = paced.probe(Duration.ofSeconds(5));
      Thread.sleep(300);
      ProbeResult second = paced.probe(Duration.ofSeconds(5));

      assertThat(first.payload().asMap().get("heartbeat").toString()).contains("measured");
      assertThat(second.heartbeat().orElseThrow().writtenAt())
          .as("not due again for 10 minutes: the same row")
          .isEqualTo(first.heartbeat().orElseThrow().writtenAt());
      assertThat(second.payload().asMap().get("heartbeat").toString()).contains("upper bound");
    }
  }

  @Test
  void pausedReplayUnderWritesShowsLagInBytesAndTimeThatClearsOnResume() throws Exception {
    pair.pauseReplay();
    long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < until) {
      pair.node("east").sql("insert into t(v) select md5(g::text) from generate_series(1, 500) g");
    }

    ProbeResult paused = connector.probe(Duration.ofSeconds(5));

    assertThat(paused.replicationState()).isEqualTo(ReplicationState.PAUSED);
    assertThat(paused.lag().bytes().orElseThrow()).isGreaterThan(10_000);
    assertThat(paused.lag().time().orElseThrow()).isGreaterThan(Duration.ofSeconds(1));
    assertThat(paused.drMarker().orElseThrow().hasReached(paused.primaryMarker().orElseThrow()))
        .isFalse();

    pair.resumeReplay();
    ProbeResult resumed =
        awaitProbe(
            p ->
                p.replicationState() == ReplicationState.STREAMING
                    && p.lag().bytes().orElse(Long.MAX_VALUE) == 0);
    assertThat(resumed.lag().time().orElseThrow()).isEqualTo(Duration.ZERO);
  }

  @Test
  void brokenReplicationIsBrokenWhileBothSitesAnswer() throws Exception {
    pair.breakReplication();
    awaitProbe(p -> p.replicationState() == ReplicationState.BROKEN);
    pair.node("east").sql("insert into t(v) values ('after the break')");

    ProbeResult probe = connector.probe(Duration.ofSeconds(5));

    assertThat(probe.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(probe.allSitesReachable()).isTrue();
    assertThat(probe.health()).isEqualTo(Health.DEGRADED);
    assertThat(probe.lag().bytes().orElseThrow()).isPositive();
  }

  @Test
  void stoppedStandbyIsUnreachableWhileThePrimaryStillReports() throws Exception {
    pair.stop(pair.node("west"), StopMode.FAST);

    ProbeResult probe = awaitProbe(p -> p.replicationState() == ReplicationState.BROKEN);

    assertThat(probe.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(probe.site("east").orElseThrow().connectivity()).isEqualTo(Connectivity.REACHABLE);
    assertThat(probe.primaryMarker()).isPresent();
    assertThat(probe.health()).isEqualTo(Health.DEGRADED);
  }

  @Test
  void stoppedPrimaryIsUnreachableWhileTheStandbyStillReports() throws Exception {
    pair.stop(pair.node("east"), StopMode.FAST);

    ProbeResult probe = awaitProbe(p -> p.replicationState() == ReplicationState.BROKEN);

    assertThat(probe.site("east").orElseThrow().connectivity()).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(probe.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.REACHABLE);
    assertThat(probe.primaryMarker()).isEmpty();
    assertThat(probe.drMarker()).isPresent();
    assertThat(probe.health()).isEqualTo(Health.UNHEALTHY);
    assertThat(probe.lag().bytes()).as("unknown, never zero").isEmpty();
  }

  @Test
  void unknownRoleIsAuthFailedOnBothSites() throws Exception {
    try (Connector stranger =
        new PostgresConnectorFactory()
            .create(LabConfigs.withAllActions("mon-auth", pair, "user", "no_such_role"))) {
      ProbeResult probe = stranger.probe(Duration.ofSeconds(5));

      assertThat(probe.sites())
          .allSatisfy(s -> assertThat(s.connectivity()).isEqualTo(Connectivity.AUTH_FAILED));
      assertThat(probe.health()).isEqualTo(Health.UNKNOWN);
    }
  }

  @Test
  void silentServerTimesOutWithinTheProbeTimeout() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Connector connector =
            new PostgresConnectorFactory()
                .create(
                    LabConfigs.withSitePort(
                        LabConfigs.withoutActions("mon-silent", pair),
                        "west",
                        blackHole.getLocalPort()))) {
      long started = System.nanoTime();

      ProbeResult probe = connector.probe(Duration.ofMillis(1500));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
      assertThat(probe.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.TIMED_OUT);
      assertThat(probe.site("east").orElseThrow().connectivity()).isEqualTo(Connectivity.REACHABLE);
    }
  }

  @Test
  void drillReadsTheStandbyAndWatchesReplayWithoutChangingRoles() throws Exception {
    OperationPlan plan =
        connector.plan(new OperationRequest(OperationType.DRILL, "west", Map.of()));

    Map<String, StepResult> results =
        PlanRunner.run(connector, OperationType.DRILL, "west", Map.of());

    PlanRunner.assertAllSucceeded(results, plan);
    assertThat(results.get(StepIds.VALIDATE_STANDBY_READS).facts()).containsEntry("rows", "1");
    assertThat(pair.primary()).isSameAs(pair.node("east"));
  }

  private ProbeResult awaitProbe(Predicate<ProbeResult> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    ProbeResult probe = connector.probe(Duration.ofSeconds(5));
    while (!condition.test(probe)) {
      assertThat(System.nanoTime()).as("probe never matched; last: %s", probe).isLessThan(deadline);
      Thread.sleep(200);
      probe = connector.probe(Duration.ofSeconds(5));
    }
    return probe;
  }
}
