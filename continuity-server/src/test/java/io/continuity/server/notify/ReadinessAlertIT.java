package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Readiness alerts end to end on H2 with the real monitoring scheduler: a tier-1 resource that
 * becomes unreachable alerts the operators (not the approvers) with a link to its page, and its
 * recovery sends the all-clear; a tier-2 resource losing visibility alerts nobody.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ReadinessAlertIT {

  static final String PASSWORD = "it-alert-password";
  static final String INVENTORY =
      """
      resources:
        - id: alert-t1
          name: alert-t1
          platform: simulated
          tier: 1
          environment: test
          owner: dba@example.com
          sites: { primary: east, dr: west }
          rpo: { target: 2m, warn: 30s }
          connector:
            settings: { scenario: steady, jitter: "0", unreachableSites: all }
        - id: alert-t2
          name: alert-t2
          platform: simulated
          tier: 2
          environment: test
          owner: dba@example.com
          sites: { primary: east, dr: west }
          rpo: { target: 2m, warn: 30s }
          connector:
            settings: { scenario: steady, jitter: "0", unreachableSites: all }
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-alert-it");
    TestStateStore.registerH2(registry, dir);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.notify.projector-interval", () -> "200ms");
    registry.add("continuity.notify.base-url", () -> "https://continuity.example.com");
  }

  @AfterAll
  static void forget() {
    List.of("alert-t1", "alert-t2").forEach(SimulatedPlatform::forget);
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  String status(String id) {
    return as("dave").get("/api/v1/resources/" + id + "/status").json().path("status").asString();
  }

  List<JsonNode> inbox(String user, String type) {
    List<JsonNode> found = new ArrayList<>();
    as(user)
        .get("/api/v1/notifications?size=200")
        .json()
        .path("items")
        .forEach(
            n -> {
              if (n.path("eventType").asString().equals(type)) {
                found.add(n);
              }
            });
    return found;
  }

  @Test
  void aTier1ResourceLosingVisibilityAlertsTheOperatorsAndItsRecoveryClearsIt() {
    await().atMost(Duration.ofSeconds(30)).until(() -> status("alert-t1").equals("GREEN"));
    await().atMost(Duration.ofSeconds(30)).until(() -> status("alert-t2").equals("GREEN"));

    SimulatedPlatform.setScenario("alert-t1", "unreachable");
    SimulatedPlatform.setScenario("alert-t2", "unreachable");
    JsonNode alert =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> inbox("alice", "READINESS_ALERT"), list -> !list.isEmpty())
            .get(0);
    assertThat(alert.path("resourceId").asString()).isEqualTo("alert-t1");
    assertThat(alert.path("subject").asString()).contains("Readiness alert").contains("alert-t1");
    assertThat(alert.path("body").asString())
        .contains("https://continuity.example.com/resources/alert-t1");

    SimulatedPlatform.clearScenario("alert-t1");
    SimulatedPlatform.clearScenario("alert-t2");
    JsonNode resolved =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> inbox("alice", "READINESS_RESOLVED"), list -> !list.isEmpty())
            .get(0);
    assertThat(resolved.path("resourceId").asString()).isEqualTo("alert-t1");
    assertThat(resolved.path("auditSeq").asLong()).isGreaterThan(alert.path("auditSeq").asLong());

    assertThat(inbox("alice", "READINESS_ALERT"))
        .as("tier 2 does not alert; tier 1 alerted once")
        .hasSize(1);
    assertThat(inbox("bob", "READINESS_ALERT")).as("approvers are not on call").isEmpty();
    JsonNode trail = as("admin").get("/api/v1/audit?resourceId=alert-t1&size=100").json();
    assertThat(trail.toString()).contains("READINESS_ALERT").contains("system:monitoring");
  }
}
