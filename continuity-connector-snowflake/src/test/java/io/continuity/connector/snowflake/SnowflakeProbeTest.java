package io.continuity.connector.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.lab.snowflake.FakeSnowflake;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Truth tests of the probe: what each state of the fake accounts is reported as (brief §5). */
class SnowflakeProbeTest {

  private final SnowflakeLab lab = new SnowflakeLab(null);

  SnowflakeProbeTest() throws Exception {}

  @AfterEach
  void close() {
    lab.close();
  }

  private ProbeResult probe() throws Exception {
    return probe(new SnowflakeConnectorFactory());
  }

  private ProbeResult probe(SnowflakeConnectorFactory factory) throws Exception {
    try (Connector connector = factory.create(lab.config())) {
      return connector.probe(Duration.ofSeconds(5));
    }
  }

  @Test
  void healthyGroupReportsPrimarySiteRolesSnapshotMarkerAndLag() throws Exception {
    lab.write(5);
    refreshNow();

    ProbeResult probe = probe();

    assertThat(probe.primarySite()).contains("east");
    assertThat(probe.health()).isEqualTo(Health.HEALTHY);
    assertThat(probe.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(probe.members())
        .extracting(MemberObservation::member, MemberObservation::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("east", MemberRole.PRIMARY),
            org.assertj.core.groups.Tuple.tuple("west", MemberRole.SECONDARY));
    long snapshot = lab.west().history.get(0).snapshot;
    assertThat(probe.drMarker().orElseThrow().kind()).isEqualTo("SNAPSHOT_TIME");
    assertThat(probe.drMarker().orElseThrow().position().longValue()).isEqualTo(snapshot);
    assertThat(probe.primaryMarker().orElseThrow().hasReached(probe.drMarker().orElseThrow()))
        .isTrue();
    assertThat(probe.lag().bytes()).as("no byte lag for snapshots").isEmpty();
    assertThat(probe.lag().time()).isPresent();
  }

  @Test
  void aFailedNewestRefreshWithAnOlderCompletedOneIsDegradedWithTheErrorAsReason()
      throws Exception {
    lab.fake.failRefreshes = true;
    refreshNow();

    ProbeResult probe = probe();

    assertThat(probe.health()).isEqualTo(Health.DEGRADED);
    assertThat(probe.drMarker())
        .as("the older COMPLETED snapshot is still what the DR holds")
        .isPresent();
    assertThat(reasons(probe))
        .anyMatch(r -> r.contains("FAILED") && r.contains("injected failure"));
  }

  @Test
  void repeatedFailedRefreshesAreBroken() throws Exception {
    lab.fake.failRefreshes = true;
    refreshNow();
    refreshNow();

    assertThat(probe().replicationState()).isEqualTo(ReplicationState.BROKEN);
  }

  @Test
  void aSuspendedScheduleIsPaused() throws Exception {
    lab.west().secondaryState = "SUSPENDED";

    ProbeResult probe = probe();

    assertThat(probe.replicationState()).isEqualTo(ReplicationState.PAUSED);
    assertThat(reasons(probe)).anyMatch(r -> r.contains("SUSPENDED"));
  }

  @Test
  void aSnapshotOlderThanTheScheduleAllowsIsStated() throws Exception {
    lab.with("maxRefreshAge", "1s");
    Thread.sleep(1_100);

    ProbeResult probe = probe();

    assertThat(probe.health()).isEqualTo(Health.DEGRADED);
    assertThat(probe.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(reasons(probe)).anyMatch(r -> r.contains("the schedule allows"));
  }

  @Test
  void anExpiredTokenIsAuthFailedOnEveryAccountAndNoPrimaryIsClaimed() throws Exception {
    Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));

    ProbeResult probe = probe(new SnowflakeConnectorFactory(twoHoursAgo));

    assertThat(probe.sites()).allMatch(s -> s.connectivity() == Connectivity.AUTH_FAILED);
    assertThat(probe.primarySite()).isEmpty();
    assertThat(probe.health()).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void aLostPrimaryAccountIsUnreachableUnhealthyAndNotPrimaryButTheDrSnapshotStaysKnown()
      throws Exception {
    lab.loseSite("east");

    ProbeResult probe = probe();

    assertThat(probe.site("east").orElseThrow().connectivity()).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(probe.site("west").orElseThrow().connectivity()).isEqualTo(Connectivity.REACHABLE);
    assertThat(probe.primarySite()).isEmpty();
    assertThat(probe.primaryMarker()).isEmpty();
    assertThat(probe.drMarker()).isPresent();
    assertThat(probe.health()).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void aRunningRefreshOnAFreshSecondaryStillStreams() throws Exception {
    lab.fake.replicationPaused = true;
    lab.fake.startRefresh(lab.west());

    ProbeResult probe = probe();

    assertThat(probe.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(probe.drMarker().orElseThrow().position().longValue())
        .as("a running refresh has not changed the secondary")
        .isEqualTo(lab.west().history.get(1).snapshot);
  }

  @Test
  void aRefreshRunningLongerThanTheScheduleAllowsIsAReason() throws Exception {
    lab.with("maxRefreshAge", "1s");
    lab.fake.replicationPaused = true;
    lab.fake.startRefresh(lab.west());
    Thread.sleep(1_100);

    ProbeResult probe = probe();

    assertThat(probe.health()).isEqualTo(Health.DEGRADED);
    assertThat(probe.replicationState()).isEqualTo(ReplicationState.CATCHING_UP);
    assertThat(reasons(probe)).anyMatch(r -> r.contains("has been running for"));
  }

  @Test
  void aKeyReplacedInItsSecretIsPickedUpAtTheNextProbeAfterAnAuthFailure() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    java.security.KeyPair rotated = generator.generateKeyPair();
    String[] current = {SnowflakeLab.pem(rotated)};
    io.continuity.connector.api.ConnectorConfig base = lab.config();
    io.continuity.connector.api.ConnectorConfig config =
        new io.continuity.connector.api.ConnectorConfig(
            base.resourceId(),
            base.platform(),
            base.sites(),
            base.settings(),
            base.secrets(),
            ref -> ref.name().equals("SF_KEY") ? current[0] : SnowflakeLab.USER);
    try (Connector connector = new SnowflakeConnectorFactory().create(config)) {
      assertThat(connector.probe(Duration.ofSeconds(5)).sites())
          .as("the secret holds a key the accounts do not know")
          .allMatch(s -> s.connectivity() == Connectivity.AUTH_FAILED);

      current[0] = SnowflakeLab.PRIVATE_KEY_PEM;

      assertThat(connector.probe(Duration.ofSeconds(5)).allSitesReachable()).isTrue();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> reasons(ProbeResult probe) {
    return (List<String>) probe.payload().asMap().get("reasons");
  }

  private void refreshNow() throws InterruptedException {
    FakeSnowflake.Job job = lab.fake.startRefresh(lab.west());
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (job.running() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
  }
}
