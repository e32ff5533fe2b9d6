package io.continuity.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.lab.sqlserver.AgSimulator;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the probe reports for the documented states of an availability group (brief §5). */
class ProbeMappingTest {

  private AgLab lab;

  @BeforeEach
  void open() throws Exception {
    lab = new AgLab();
    lab.write(10);
  }

  @AfterEach
  void close() throws Exception {
    lab.close();
  }

  private ProbeResult probe() throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      return c.probe(Duration.ofSeconds(5));
    }
  }

  @Test
  void aHealthyGroupIsHealthyStreamingWithEqualMarkersAndNoLag() throws Exception {
    ProbeResult p = probe();

    assertThat(p.primarySite()).contains("east");
    assertThat(p.health()).isEqualTo(Health.HEALTHY);
    assertThat(p.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(p.primaryMarker().orElseThrow().kind()).isEqualTo("AG_LOG_BLOCK_LSN");
    assertThat(p.drMarker().orElseThrow().hasReached(p.primaryMarker().orElseThrow())).isTrue();
    assertThat(p.lag().bytes()).hasValue(0);
    assertThat(p.lag().time()).contains(Duration.ZERO);
    assertThat(p.members())
        .extracting(MemberObservation::member, MemberObservation::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("east-1", MemberRole.PRIMARY),
            org.assertj.core.groups.Tuple.tuple("east-2", MemberRole.SECONDARY),
            org.assertj.core.groups.Tuple.tuple("west-1", MemberRole.SECONDARY));
  }

  @Test
  void markersAreTheNumericLsnsOfOneDatabaseAndMoveWithWrites() throws Exception {
    ProbeResult before = probe();
    lab.write(3);
    ProbeResult after = probe();

    String value = after.primaryMarker().orElseThrow().value();
    assertThat(value).matches("(Ledger|Payments):\\d+");
    assertThat(after.primaryMarker().orElseThrow().position())
        .isEqualTo(new BigInteger(value.substring(value.indexOf(':') + 1)));
    assertThat(
            after
                .primaryMarker()
                .orElseThrow()
                .position()
                .subtract(before.primaryMarker().orElseThrow().position()))
        .as("three log blocks of 10^5 each in the simulator's numeric(25,0) encoding")
        .isEqualTo(BigInteger.valueOf(300_000));
  }

  @Test
  void anAsyncReplicaFallingBehindShowsSendQueueBytesAndCommitTimeLag() throws Exception {
    lab.sim.set(() -> lab.sim.named("SQLPAY03").holdBack = true);
    Thread.sleep(20);
    lab.write(5);

    ProbeResult p = probe();

    assertThat(p.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(p.lag().bytes())
        .as("log_send_queue_size is in KB: 5 blocks of 4 KB")
        .hasValue(5 * AgSimulator.BLOCK_KB * 1024L);
    assertThat(p.lag().time()).hasValueSatisfying(t -> assertThat(t).isPositive());
    assertThat(p.drMarker().orElseThrow().distanceTo(p.primaryMarker().orElseThrow()))
        .isEqualTo(BigInteger.valueOf(500_000));
  }

  @Test
  void aDisconnectedDrReplicaIsBrokenAndDegraded() throws Exception {
    lab.pauseReplication();

    ProbeResult p = probe();

    assertThat(p.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(p.health()).isEqualTo(Health.DEGRADED);
    assertThat(reasons(p)).anyMatch(r -> r.contains("SQLPAY03 is DISCONNECTED"));
  }

  @Test
  void aDatabaseSuspendedByTheUserIsPausedAndNamedWithItsReason() throws Exception {
    lab.sim.set(
        () -> {
          AgSimulator.Db db = lab.sim.named("SQLPAY03").dbs.get("Ledger");
          db.suspended = true;
          db.suspendReason = "SUSPEND_FROM_USER";
        });

    ProbeResult p = probe();

    assertThat(p.replicationState()).isEqualTo(ReplicationState.PAUSED);
    assertThat(reasons(p)).anyMatch(r -> r.contains("Ledger") && r.contains("SUSPEND_FROM_USER"));
  }

  @Test
  void aDatabaseSuspendedForAnyOtherReasonIsBroken() throws Exception {
    lab.sim.set(
        () -> {
          AgSimulator.Db db = lab.sim.named("SQLPAY03").dbs.get("Payments");
          db.suspended = true;
          db.suspendReason = "SUSPEND_FROM_REDO";
        });

    ProbeResult p = probe();

    assertThat(p.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(reasons(p)).anyMatch(r -> r.contains("Payments") && r.contains("SUSPEND_FROM_REDO"));
  }

  @Test
  void aLostDrSiteIsReportedAndTheDrMarkerIsEmpty() throws Exception {
    lab.loseSite("west");

    ProbeResult p = probe();

    assertThat(p.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(p.site("west").orElseThrow().detail()).contains("west-1");
    assertThat(p.drMarker()).as("a marker is never guessed").isEmpty();
    assertThat(p.primaryMarker()).isPresent();
    assertThat(p.primarySite()).contains("east");
    assertThat(p.replicationState()).isEqualTo(ReplicationState.BROKEN);
  }

  @Test
  void aWrongPasswordIsAuthFailedNotUnreachable() throws Exception {
    try (Connector c = lab.factory().create(lab.config("not-the-password"))) {
      ProbeResult p = c.probe(Duration.ofSeconds(5));

      assertThat(p.sites()).allMatch(s -> s.connectivity() == Connectivity.AUTH_FAILED);
      assertThat(p.primarySite()).isEmpty();
      assertThat(p.health()).isEqualTo(Health.UNKNOWN);
    }
  }

  @Test
  void afterASwitchoverTheProbeFollowsTheRoles() throws Exception {
    try (Connector c = lab.factory().create(lab.config())) {
      Runs.run(
          c,
          io.continuity.connector.api.OperationType.SWITCHOVER,
          "west",
          java.util.Optional.empty());
      ProbeResult p = c.probe(Duration.ofSeconds(5));

      assertThat(p.primarySite()).contains("west");
      assertThat(p.members())
          .filteredOn(m -> m.member().equals("west-1"))
          .extracting(MemberObservation::role)
          .containsExactly(MemberRole.PRIMARY);
    }
  }

  @Test
  void aClusterTypeThatDisagreesWithTheSettingIsAReason() throws Exception {
    lab.with("clusterType", "NONE");

    assertThat(reasons(probe())).anyMatch(r -> r.contains("cluster type is WSFC"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> reasons(ProbeResult p) {
    Map<String, Object> payload = p.payload().asMap();
    return (List<String>) payload.get("reasons");
  }
}
