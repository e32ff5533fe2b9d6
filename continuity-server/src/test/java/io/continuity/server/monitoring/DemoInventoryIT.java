package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.core.status.Status;
import io.continuity.core.status.Visibility;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** examples/demo-inventory.yaml shows every state once probed (at a 200 ms interval here). */
@SpringBootTest
@ActiveProfiles("demo")
class DemoInventoryIT {

  static final Path DEMO = Path.of("..", "examples", "demo-inventory.yaml").toAbsolutePath();

  @Autowired MonitoringStatus monitoring;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-demo-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("continuity.inventory", DEMO::toString);
    registry.add("continuity.demo.password", () -> "demo-it-password");
    registry.add("continuity.monitoring.interval.tier1", () -> "200ms");
    registry.add("continuity.monitoring.interval.tier2", () -> "200ms");
    registry.add("continuity.monitoring.watchdog-period", () -> "200ms");
  }

  @AfterAll
  static void forget() {
    SimulatedPlatform.resourceIds().stream()
        .filter(id -> id.startsWith("demo-"))
        .forEach(SimulatedPlatform::forget);
  }

  @Test
  void everyDemoScenarioShowsItsState() {
    Map<String, String> expected =
        Map.of(
            "demo-orders", "GREEN/OK",
            "demo-payments", "YELLOW/OK",
            "demo-sessions", "GREEN/OK",
            "demo-inventory", "RED/OK",
            "demo-catalog", "RED/OK",
            "demo-reports", "YELLOW/LOST",
            "demo-search", "GREEN/OK",
            "demo-profiles", "GREEN/OK");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(states()).isEqualTo(expected));
    Optional<ResourceStatus> reports = monitoring.resource("demo-reports");
    assertThat(reports.orElseThrow().outcome().status()).isNotEqualTo(Status.GREEN);
    assertThat(reports.orElseThrow().outcome().visibility()).isEqualTo(Visibility.LOST);
  }

  @Test
  void aReplicaSetIsWatchedMemberByMember() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        monitoring
                            .latestObservation("demo-profiles")
                            .flatMap(o -> o.result())
                            .map(r -> r.members())
                            .orElse(java.util.List.of()))
                    .extracting(m -> m.member() + "=" + m.role())
                    .containsExactly(
                        "east-1=PRIMARY",
                        "east-2=SECONDARY",
                        "east-arbiter=ARBITER",
                        "west-1=SECONDARY"));
    assertThat(
            monitoring
                .latestObservation("demo-profiles")
                .flatMap(o -> o.result())
                .flatMap(r -> r.primarySite()))
        .contains("sim-east");
  }

  private Map<String, String> states() {
    return monitoring.resources().stream()
        .collect(
            Collectors.toMap(
                s -> s.resource().id(),
                s -> s.outcome().status() + "/" + s.outcome().visibility()));
  }
}
