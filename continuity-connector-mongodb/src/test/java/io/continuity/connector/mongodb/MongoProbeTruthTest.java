package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.MemberObservation;
import io.continuity.connector.api.MemberRole;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import io.continuity.connector.mongodb.fake.FakeLab;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a probe says in each situation the issue names, on the fake set with the real driver. */
class MongoProbeTruthTest {

  private FakeLab lab;
  private Connector connector;

  @BeforeEach
  void start() throws Exception {
    lab = new FakeLab();
    connector = new MongoConnectorFactory().create(lab.config());
  }

  @AfterEach
  void stop() {
    connector.close();
    lab.close();
  }

  private ProbeResult probe() throws Exception {
    return connector.probe(Duration.ofSeconds(5));
  }

  @Test
  void aHealthySetIsStreamingWithNoLagAndEveryMembersRoleAndOwnOptime() throws Exception {
    lab.write(5);

    ProbeResult p = probe();

    assertThat(p.primarySite()).contains("east");
    assertThat(p.health()).isEqualTo(Health.HEALTHY);
    assertThat(p.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(p.lag().time()).contains(Duration.ZERO);
    assertThat(p.lag().bytes()).as("optimes count no bytes").isEmpty();
    assertThat(p.primaryMarker()).isPresent();
    assertThat(p.drMarker()).isEqualTo(p.primaryMarker());
    assertThat(p.members())
        .extracting(MemberObservation::member, MemberObservation::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("east-1", MemberRole.PRIMARY),
            org.assertj.core.groups.Tuple.tuple("east-2", MemberRole.SECONDARY),
            org.assertj.core.groups.Tuple.tuple("west-1", MemberRole.SECONDARY));
    assertThat(p.members()).allSatisfy(m -> assertThat(m.marker()).isPresent());
    assertThat(p.payload().asMap()).containsKey("members");
  }

  @Test
  void pausedReplicationShowsTheDrMarkerBehindAndALagFromTheOptimesWallTimes() throws Exception {
    lab.write(3);
    lab.pauseReplication();
    Thread.sleep(120);
    lab.write(3);

    ProbeResult p = probe();

    assertThat(p.drMarker().get().hasReached(p.primaryMarker().get())).isFalse();
    assertThat(p.lag().time())
        .hasValueSatisfying(l -> assertThat(l).isGreaterThanOrEqualTo(Duration.ofMillis(100)));
    assertThat(p.primarySite()).contains("east");
    lab.resumeReplication();
    ProbeResult after = probe();
    assertThat(after.lag().time()).contains(Duration.ZERO);
    assertThat(after.drMarker()).isEqualTo(after.primaryMarker());
  }

  @Test
  void aStoppedDrMemberIsReportedUnreachableAndReplicationBroken() throws Exception {
    lab.set().stop(lab.set().member("west-1"));

    ProbeResult p = probe();

    assertThat(p.site("west"))
        .hasValueSatisfying(s -> assertThat(s.connectivity().isReachable()).isFalse());
    assertThat(p.site("east").map(SiteConnectivity::connectivity)).contains(Connectivity.REACHABLE);
    assertThat(p.primarySite()).contains("east");
    assertThat(p.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(p.health()).isEqualTo(Health.DEGRADED);
    assertThat(p.drMarker()).isEmpty();
    assertThat(p.lag().isKnown()).as("no DR marker, no lag: unknown, never zero").isFalse();
    assertThat(p.members())
        .filteredOn(m -> m.member().equals("west-1"))
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(MemberRole.UNKNOWN));
  }

  @Test
  void aPartitionedPrimarySiteKeepsItsPrimaryAndTheCutOffDrMemberIsBroken() throws Exception {
    lab.write(2);
    lab.set().partition("east");
    lab.write(2);

    ProbeResult p = probe();

    assertThat(p.allSitesReachable()).as("clients still reach every member").isTrue();
    assertThat(p.primarySite()).as("east keeps a majority, so its primary").contains("east");
    assertThat(p.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(p.health()).isEqualTo(Health.DEGRADED);
    assertThat(p.drMarker().get().hasReached(p.primaryMarker().get())).isFalse();
  }

  @Test
  void aLostPrimarySiteLeavesNoPrimaryAndTheMinorityDrMemberCannotElectItself() throws Exception {
    lab.loseSite("east");

    ProbeResult p = probe();

    assertThat(p.primarySite()).isEmpty();
    assertThat(p.health()).isEqualTo(Health.UNHEALTHY);
    assertThat(p.site("east"))
        .hasValueSatisfying(s -> assertThat(s.connectivity().isReachable()).isFalse());
    assertThat(lab.set().state(lab.set().member("west-1"))).isEqualTo(2);
  }

  @Test
  void anIdleSetAdvancesByPeriodicNoopsAndShowsNoLagWhenTheDrMemberKeepsUp() throws Exception {
    lab.set().setPeriodicNoopInterval(Duration.ofMillis(150));
    ProbeResult first = probe();
    Thread.sleep(400);
    ProbeResult second = probe();

    assertThat(second.primaryMarker().get().position())
        .as("no user write, yet the no-ops move the optime")
        .isGreaterThan(first.primaryMarker().get().position());
    assertThat(second.lag().time()).contains(Duration.ZERO);
    assertThat(second.replicationState()).isEqualTo(ReplicationState.STREAMING);
  }

  @Test
  void aHeartbeatWrittenOnThePrimaryIsReadOnTheDrMemberAndStopsAdvancingWhenApplyPauses()
      throws Exception {
    ConnectorConfig withHeartbeat =
        lab.config()
            .withHeartbeat(
                new io.continuity.connector.api.HeartbeatSpec(
                    "continuity.heartbeat", Duration.ofMillis(100)));
    try (Connector c = new MongoConnectorFactory().create(withHeartbeat)) {
      assertThat(c.capabilities().has(io.continuity.connector.api.Capability.HEARTBEAT)).isTrue();
      var first = c.probe(Duration.ofSeconds(5)).heartbeat().orElseThrow();
      assertThat(Duration.between(first.writtenAt(), first.readAt()))
          .isLessThan(Duration.ofSeconds(1));

      lab.pauseReplication();
      Thread.sleep(300);
      ProbeResult paused = c.probe(Duration.ofSeconds(5));

      var second = paused.heartbeat().orElseThrow();
      assertThat(second.writtenAt())
          .as("the DR member still shows the old heartbeat")
          .isEqualTo(first.writtenAt());
      assertThat(Duration.between(second.writtenAt(), second.readAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(paused.payload().asMap()).containsKey("heartbeat");
    }
    assertThat(connector.capabilities().has(io.continuity.connector.api.Capability.HEARTBEAT))
        .as("without a heartbeat collection there is no HEARTBEAT")
        .isFalse();
  }

  @Test
  void aWrongPasswordIsAuthFailedOnEverySiteNotAnException() throws Exception {
    ConnectorConfig good = lab.config();
    ConnectorConfig bad =
        new ConnectorConfig(
            good.resourceId(),
            good.platform(),
            good.sites(),
            good.settings(),
            good.secrets(),
            ref -> "wrong");
    try (Connector wrong = new MongoConnectorFactory().create(bad)) {
      ProbeResult p = wrong.probe(Duration.ofSeconds(5));

      assertThat(p.sites())
          .allSatisfy(s -> assertThat(s.connectivity()).isEqualTo(Connectivity.AUTH_FAILED));
      assertThat(p.primarySite()).isEmpty();
      assertThat(p.toString()).doesNotContain(FakeLab.PASSWORD);
    }
  }

  @Test
  void aMemberOfAnotherSetIsRefusedByTheDriversSetNameCheck() throws Exception {
    ConnectorConfig good = lab.config();
    java.util.Map<String, String> settings = new java.util.HashMap<>(good.settings());
    settings.put("replicaSet", "another-set");
    ConnectorConfig wrongSet =
        new ConnectorConfig(
            good.resourceId(),
            good.platform(),
            good.sites(),
            settings,
            good.secrets(),
            good.secretResolver());
    try (Connector c = new MongoConnectorFactory().create(wrongSet)) {
      ProbeResult p = c.probe(Duration.ofSeconds(3));

      assertThat(p.sites()).noneSatisfy(s -> assertThat(s.connectivity().isReachable()).isTrue());
      assertThat(p.primarySite()).isEmpty();
    }
  }
}
