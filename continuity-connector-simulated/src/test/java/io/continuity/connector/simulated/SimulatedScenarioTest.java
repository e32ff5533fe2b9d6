package io.continuity.connector.simulated;

import static io.continuity.connector.simulated.Fixtures.DR;
import static io.continuity.connector.simulated.Fixtures.PRIMARY;
import static io.continuity.connector.simulated.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedScenarioTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(T0);
  private final SimulatedConnectorFactory factory = new SimulatedConnectorFactory(clock);
  private final String resourceId = Fixtures.newResourceId();

  @AfterEach
  void forget() {
    SimulatedPlatform.forget(resourceId);
  }

  private SimulatedConnector connector(String... settings) throws ConnectorException {
    String[] all = new String[settings.length + 2];
    all[0] = "jitter";
    all[1] = "0";
    System.arraycopy(settings, 0, all, 2, settings.length);
    return (SimulatedConnector) factory.create(Fixtures.config(resourceId, all));
  }

  private static Connectivity connectivity(ProbeResult result, String site) {
    return result.site(site).map(SiteConnectivity::connectivity).orElseThrow();
  }

  @Test
  void steadyStreamsWithASmallLagAndMarkersAdvancingWithTheWriteRate() throws Exception {
    SimulatedConnector connector = connector("scenario", "steady");

    ProbeResult first = connector.probe(TIMEOUT);
    clock.advance(Duration.ofSeconds(10));
    ProbeResult second = connector.probe(TIMEOUT);

    assertThat(first.replicationState()).isEqualTo(ReplicationState.STREAMING);
    assertThat(first.health()).isEqualTo(Health.HEALTHY);
    assertThat(first.allSitesReachable()).isTrue();
    assertThat(first.lag()).isEqualTo(ReplicationLag.of(1_000_000, Duration.ofSeconds(1)));
    assertThat(first.primaryMarker().orElseThrow().kind()).isEqualTo(WriteStream.MARKER_KIND);
    assertThat(first.primaryMarker().orElseThrow().platform()).isEqualTo(Platform.SIMULATED);
    assertThat(
            second
                .primaryMarker()
                .orElseThrow()
                .position()
                .subtract(first.primaryMarker().orElseThrow().position()))
        .isEqualTo(BigInteger.valueOf(10_000_000));
    assertThat(first.drMarker().orElseThrow().distanceTo(first.primaryMarker().orElseThrow()))
        .isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(first.payload().asMap()).containsEntry("primarySite", PRIMARY);
  }

  @Test
  void byteLagFollowsTheWriteRateAndLagBytesSetsTheLagInBytes() throws Exception {
    SimulatedConnector connector =
        connector("lagBytes", "5000000", "writeRateBytesPerSecond", "2000000");

    ProbeResult result = connector.probe(TIMEOUT);

    assertThat(result.lag()).isEqualTo(ReplicationLag.of(5_000_000, Duration.ofMillis(2500)));
  }

  @Test
  void laggingShowsItsDefaultLagOrTheConfiguredOne() throws Exception {
    assertThat(connector("scenario", "lagging").probe(TIMEOUT).lag().time())
        .contains(Duration.ofSeconds(45));
    SimulatedPlatform.forget(resourceId);

    ProbeResult configured = connector("scenario", "lagging", "lagSeconds", "90").probe(TIMEOUT);

    assertThat(configured.lag().time()).contains(Duration.ofSeconds(90));
    assertThat(configured.replicationState()).isEqualTo(ReplicationState.STREAMING);
  }

  @Test
  void overRpoIsFarBehindAndCatchingUp() throws Exception {
    ProbeResult result = connector("scenario", "over-rpo").probe(TIMEOUT);

    assertThat(result.lag().time()).contains(Duration.ofMinutes(10));
    assertThat(result.replicationState()).isEqualTo(ReplicationState.CATCHING_UP);
  }

  @Test
  void brokenFreezesTheDrMarkerWhileThePrimaryMovesOn() throws Exception {
    SimulatedConnector connector = connector("scenario", "broken");

    ProbeResult first = connector.probe(TIMEOUT);
    clock.advance(Duration.ofMinutes(5));
    ProbeResult later = connector.probe(TIMEOUT);

    assertThat(later.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(later.drMarker()).isEqualTo(first.drMarker());
    assertThat(later.primaryMarker().orElseThrow().position())
        .isGreaterThan(first.primaryMarker().orElseThrow().position());
    assertThat(later.lag().time()).contains(Duration.ofMinutes(5).plusSeconds(1));
  }

  @Test
  void unreachableByDefaultLosesTheDrSiteAndItsMarker() throws Exception {
    ProbeResult result = connector("scenario", "unreachable").probe(TIMEOUT);

    assertThat(connectivity(result, PRIMARY)).isEqualTo(Connectivity.REACHABLE);
    assertThat(connectivity(result, DR)).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(result.primaryMarker()).isPresent();
    assertThat(result.drMarker()).isEmpty();
    assertThat(result.lag().isKnown()).isFalse();
    assertThat(result.heartbeat()).isEmpty();
    assertThat(result.health()).isEqualTo(Health.DEGRADED);
  }

  @Test
  void unreachableAllLosesEverySiteAndAllEvidence() throws Exception {
    ProbeResult result =
        connector("scenario", "unreachable", "unreachableSites", "all").probe(TIMEOUT);

    assertThat(result.sites())
        .extracting(SiteConnectivity::connectivity)
        .containsOnly(Connectivity.UNREACHABLE);
    assertThat(result.primaryMarker()).isEmpty();
    assertThat(result.drMarker()).isEmpty();
    assertThat(result.replicationState()).isEqualTo(ReplicationState.UNKNOWN);
    assertThat(result.health()).isEqualTo(Health.UNKNOWN);
  }

  @Test
  void unreachablePrimaryLeavesTheDrMarkerAndItsLastHeartbeat() throws Exception {
    SimulatedConnector connector =
        connector("scenario", "unreachable", "unreachableSites", "primary");
    ProbeResult first = connector.probe(TIMEOUT);
    clock.advance(Duration.ofMinutes(1));

    ProbeResult result = connector.probe(TIMEOUT);

    assertThat(connectivity(result, PRIMARY)).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(result.primaryMarker()).isEmpty();
    assertThat(result.drMarker()).isPresent().isEqualTo(first.drMarker());
    assertThat(result.replicationState()).isEqualTo(ReplicationState.BROKEN);
    assertThat(result.heartbeat().map(HeartbeatReading::writtenAt)).contains(T0.minusSeconds(1));
  }

  @Test
  void markerUnavailableReportsTimeLagButNoMarkers() throws Exception {
    ProbeResult result = connector("scenario", "marker-unavailable").probe(TIMEOUT);

    assertThat(result.hasMarkers()).isFalse();
    assertThat(result.primaryMarker()).isEmpty();
    assertThat(result.lag().bytes()).isEmpty();
    assertThat(result.lag().time()).contains(Duration.ofSeconds(1));
    assertThat(result.allSitesReachable()).isTrue();
  }

  @Test
  void rampGrowsLagLinearlyOverItsPeriodAndStartsAgain() throws Exception {
    SimulatedConnector connector =
        connector("scenario", "ramp", "lagStart", "10s", "lagEnd", "70s", "rampPeriod", "10m");

    Optional<Duration> atStart = connector.probe(TIMEOUT).lag().time();
    clock.advance(Duration.ofMinutes(5));
    Optional<Duration> halfway = connector.probe(TIMEOUT).lag().time();
    clock.advance(Duration.ofMinutes(5));
    Optional<Duration> nextCycle = connector.probe(TIMEOUT).lag().time();

    assertThat(atStart).contains(Duration.ofSeconds(10));
    assertThat(halfway).contains(Duration.ofSeconds(40));
    assertThat(nextCycle).contains(Duration.ofSeconds(10));
  }

  @Test
  void flappingAlternatesBetweenSteadyAndAnUnreachableDrSite() throws Exception {
    SimulatedConnector connector = connector("scenario", "flapping", "flapPeriod", "30s");

    ProbeResult up = connector.probe(TIMEOUT);
    clock.advance(Duration.ofSeconds(30));
    ProbeResult down = connector.probe(TIMEOUT);
    clock.advance(Duration.ofSeconds(30));
    ProbeResult upAgain = connector.probe(TIMEOUT);

    assertThat(up.allSitesReachable()).isTrue();
    assertThat(connectivity(down, DR)).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(connectivity(down, PRIMARY)).isEqualTo(Connectivity.REACHABLE);
    assertThat(upAgain.allSitesReachable()).isTrue();
  }

  @Test
  void aRunningResourceCanBeMadeUnreachableAndBackAtRunTime() throws Exception {
    SimulatedConnector connector = connector("scenario", "steady");
    assertThat(connector.probe(TIMEOUT).allSitesReachable()).isTrue();

    SimulatedPlatform.setScenario(resourceId, "unreachable");
    ProbeResult unreachable = connector.probe(TIMEOUT);
    SimulatedPlatform.clearScenario(resourceId);
    ProbeResult back = connector.probe(TIMEOUT);

    assertThat(connectivity(unreachable, DR)).isEqualTo(Connectivity.UNREACHABLE);
    assertThat(unreachable.payload().asMap()).containsEntry("scenario", "unreachable");
    assertThat(back.allSitesReachable()).isTrue();
    assertThat(SimulatedPlatform.scenarioOverride(resourceId)).isEmpty();
  }

  @Test
  void controllingAResourceNoConnectorWasMadeForSaysSo() {
    assertThatThrownBy(() -> SimulatedPlatform.setScenario("never-made", Scenario.BROKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never-made");
  }

  @Test
  void heartbeatShowsTheWriteTheDrSiteHasApplied() throws Exception {
    ProbeResult result = connector("scenario", "lagging").probe(TIMEOUT);

    assertThat(result.heartbeat()).contains(new HeartbeatReading(T0.minusSeconds(45), T0));
  }

  @Test
  void invalidSettingsAreRefusedNamingTheSettingToFix() {
    assertRefused("scenario", "sideways", "unknown scenario 'sideways'");
    assertRefused("lagSeconds", "soon", "setting 'lagSeconds'");
    assertRefused("unreachableSites", "site-z", "setting 'unreachableSites'");
    assertRefused("disabledCapabilities", "MONITOR", "without MONITOR");
    assertRefused("writeRateBytesPerSecond", "0", "writeRateBytesPerSecond");
  }

  @Test
  void aRampFasterThanHalfOfRealTimeIsRefused() {
    assertThatThrownBy(
            () ->
                connector(
                    "scenario", "ramp", "lagStart", "0s", "lagEnd", "10m", "rampPeriod", "10m"))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining("rampPeriod");
  }

  private void assertRefused(String key, String value, String expectedMessage) {
    assertThatThrownBy(() -> connector(key, value))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.isRetriable()).isFalse())
        .hasMessageContaining(expectedMessage);
  }
}
