package io.continuity.connector.simulated;

import static io.continuity.connector.simulated.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hang, latency and determinism: what the monitoring scheduler relies on. */
class SimulatedTimingTest {

  private final MutableClock clock = new MutableClock(T0);
  private final SimulatedConnectorFactory factory = new SimulatedConnectorFactory(clock);
  private final List<String> resourceIds = new ArrayList<>();

  @AfterEach
  void forget() {
    resourceIds.forEach(SimulatedPlatform::forget);
  }

  private SimulatedConnector connector(String... settings) throws ConnectorException {
    String resourceId = Fixtures.newResourceId();
    resourceIds.add(resourceId);
    return (SimulatedConnector) factory.create(Fixtures.config(resourceId, settings));
  }

  @Test
  void hangingProbeGivesUpAtItsTimeoutWithARetriableException() throws Exception {
    SimulatedConnector connector = connector("scenario", "hang");

    assertThatThrownBy(() -> connector.probe(Duration.ofMillis(50)))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("did not finish within PT0.05S");
  }

  @Test
  void hangingProbeStopsWhenItsThreadIsInterrupted() throws Exception {
    SimulatedConnector connector = connector("scenario", "hang");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread prober =
        new Thread(
            () -> {
              try {
                connector.probe(Duration.ofHours(1));
              } catch (ConnectorException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });

    prober.start();
    prober.interrupt();
    prober.join(Duration.ofSeconds(30).toMillis());

    assertThat(prober.isAlive()).as("the probe ignored the interrupt").isFalse();
    assertThat(thrown.get())
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("interrupted");
    assertThat(stillInterrupted.get()).as("the interrupt flag is restored").isTrue();
  }

  @Test
  void probeLatencyLongerThanTheTimeoutTimesOut() throws Exception {
    SimulatedConnector connector = connector("probeLatency", "1h");

    assertThatThrownBy(() -> connector.probe(Duration.ofMillis(20)))
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("probeLatency PT1H");
  }

  @Test
  void probeLatencyWithinTheTimeoutStillAnswers() throws Exception {
    SimulatedConnector connector = connector("probeLatency", "10ms");

    assertThat(connector.probe(Duration.ofSeconds(5)).allSitesReachable()).isTrue();
  }

  @Test
  void sameSeedAndProbeTimesGiveEqualResults() throws Exception {
    String[] script = {"scenario", "lagging", "seed", "42", "jitter", "0.5"};
    SimulatedConnector one = connector(script);
    SimulatedConnector two = connector(script);

    List<ProbeResult> first = new ArrayList<>();
    List<ProbeResult> second = new ArrayList<>();
    for (long step : new long[] {0, 1_300, 17_000, 250}) {
      clock.advance(Duration.ofMillis(step));
      first.add(one.probe(Duration.ofSeconds(1)));
      second.add(two.probe(Duration.ofSeconds(1)));
    }

    assertThat(first).isEqualTo(second);
    assertThat(first.get(0).lag()).isNotEqualTo(first.get(2).lag());
  }

  @Test
  void theSeedChoosesTheJitter() throws Exception {
    ProbeResult seeded1 =
        connector("scenario", "lagging", "seed", "1").probe(Duration.ofSeconds(1));
    ProbeResult seeded2 =
        connector("scenario", "lagging", "seed", "2").probe(Duration.ofSeconds(1));

    assertThat(seeded1.lag()).isNotEqualTo(seeded2.lag());
  }

  @Test
  void markersNeverRunBackwardsUnderFullJitterOrARamp() throws Exception {
    List<SimulatedConnector> connectors =
        List.of(
            connector("scenario", "over-rpo", "jitter", "1", "seed", "3"),
            connector("scenario", "ramp", "lagEnd", "5m", "rampPeriod", "10m", "jitter", "1"));
    for (SimulatedConnector connector : connectors) {
      ProbeResult previous = connector.probe(Duration.ofSeconds(1));
      for (int i = 0; i < 1_500; i++) {
        clock.advance(Duration.ofMillis(500));
        ProbeResult next = connector.probe(Duration.ofSeconds(1));
        assertThat(next.drMarker().orElseThrow().hasReached(previous.drMarker().orElseThrow()))
            .as("DR marker at %s", next.observedAt())
            .isTrue();
        previous = next;
      }
    }
  }
}
