package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.simulated.Scenario;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real scheduler probing simulated resources every 200 ms on H2, observed through the HTTP API:
 * the status follows the scripted truth, history and metrics are exposed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class MonitoringIT {

  static final String PASSWORD = "it-monitoring-password";
  static final String SCRIPTED = "mon-it-scripted";
  static final Duration PATIENCE = Duration.ofSeconds(15);

  @LocalServerPort int port;
  @Autowired StatusChanges changes;
  @Autowired StatusOutcomeRepository outcomes;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-monitoring-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path inventory = Path.of(MonitoringIT.class.getResource("/monitoring/inventory.yaml").toURI());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
  }

  @AfterAll
  static void forgetSimulatedResources() {
    SimulatedPlatform.forget(SCRIPTED);
    SimulatedPlatform.forget("mon-it-lagging");
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  JsonNode statusOf(String id) {
    Response response = as("dave").get("/api/v1/resources/" + id + "/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  JsonNode awaitStatus(String id, String status, String visibility) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> statusOf(id),
            s ->
                s.path("status").asString().equals(status)
                    && s.path("visibility").asString().equals(visibility));
  }

  @Test
  void statusFollowsTheScriptedTruthThroughTheRealScheduler() {
    JsonNode green = awaitStatus(SCRIPTED, "GREEN", "OK");
    assertThat(green.path("reasons").get(0).path("code").asString())
        .isEqualTo("REPLICATION_HEALTHY");
    assertThat(green.path("evidenceAgeSeconds").isNumber()).isTrue();

    SimulatedPlatform.setScenario(SCRIPTED, Scenario.LAGGING);
    JsonNode lagging = awaitStatus(SCRIPTED, "YELLOW", "OK");
    assertThat(codes(lagging)).contains("LAG_WARN");
    assertThat(lagging.path("lagSeconds").asDouble()).isBetween(40.0, 50.0);

    SimulatedPlatform.setScenario(SCRIPTED, Scenario.OVER_RPO);
    assertThat(codes(awaitStatus(SCRIPTED, "RED", "OK"))).contains("RPO_BREACH");

    SimulatedPlatform.setScenario(SCRIPTED, Scenario.BROKEN);
    await().atMost(PATIENCE).until(() -> codes(statusOf(SCRIPTED)).contains("REPLICATION_BROKEN"));
    assertThat(statusOf(SCRIPTED).path("status").asString()).isEqualTo("RED");

    SimulatedPlatform.setScenario(SCRIPTED, Scenario.UNREACHABLE);
    JsonNode lost = awaitStatus(SCRIPTED, "RED", "LOST");
    assertThat(lost.path("lastKnownStatus").asString()).isEqualTo("RED");
    assertThat(lost.path("lastKnownAgeSeconds").isNumber()).isTrue();
    assertThat(codes(lost)).contains("VISIBILITY_LOST");

    SimulatedPlatform.setScenario(SCRIPTED, Scenario.STEADY);
    JsonNode back = awaitStatus(SCRIPTED, "GREEN", "OK");
    assertThat(back.path("lastKnownStatus").isNull()).isTrue();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(outcomes.changeHistory(SCRIPTED))
                    .containsSubsequence(
                        "GREEN/OK", "YELLOW/OK", "RED/OK", "RED/LOST", "GREEN/OK"));
    assertThat(changes.statusesOf(SCRIPTED))
        .containsSubsequence("GREEN/OK", "YELLOW/OK", "RED/OK", "RED/LOST", "GREEN/OK");
  }

  @Test
  void aResourceWhoseConnectorCannotBeMadeIsNeverGreenAndSaysWhy() {
    JsonNode status =
        await()
            .atMost(PATIENCE)
            .until(() -> statusOf("mon-it-no-connector"), s -> codes(s).contains("PROBE_FAILED"));

    assertThat(status.path("status").asString()).isNotEqualTo("GREEN");
    assertThat(status.path("visibility").asString()).isEqualTo("LOST");
    assertThat(status.toString())
        .contains(
            "connector for platform MONGODB refused the configuration of mon-it-no-connector");
  }

  @Test
  void statusOverviewListsResourcesAndGroupsWithTheirFields() {
    awaitStatus("mon-it-lagging", "YELLOW", "OK");

    Response response = as("dave").get("/api/v1/status");

    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.json();
    JsonNode lagging = find(body.path("resources"), "mon-it-lagging");
    assertThat(lagging.path("tier").asInt()).isEqualTo(1);
    assertThat(lagging.path("platform").asString()).isEqualTo("SIMULATED");
    assertThat(lagging.path("rpoTargetSeconds").asLong()).isEqualTo(120);
    assertThat(lagging.path("lagBytes").asLong()).isEqualTo(45_000_000L);
    assertThat(lagging.path("visibility").asString()).isEqualTo("OK");
    assertThat(lagging.has("lastKnownStatus")).isTrue();
    JsonNode reason = lagging.path("reasons").get(0);
    assertThat(reason.path("code").asString()).isEqualTo("LAG_WARN");
    assertThat(reason.path("message").asString()).isNotBlank();
    assertThat(reason.path("evidence").asString()).isNotBlank();

    JsonNode group = find(body.path("groups"), "mon-it-group");
    assertThat(group.path("status").asString()).isIn("YELLOW", "RED");
    assertThat(group.path("reasons").isArray()).isTrue();
    assertThat(group.has("evidenceAgeSeconds")).isTrue();
  }

  @Test
  void unknownResourceStatusIs404() {
    assertThat(as("dave").get("/api/v1/resources/nope/status").status())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("dave").get("/api/v1/resources/nope/observations").status())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void observationHistoryShowsIndicatorsAndTheSanitizedPayload() {
    await()
        .atMost(PATIENCE)
        .until(
            () -> as("dave").get("/api/v1/resources/mon-it-lagging/observations?limit=5").json(),
            list -> list.size() == 5);

    JsonNode list = as("dave").get("/api/v1/resources/mon-it-lagging/observations?limit=5").json();
    JsonNode newest = list.get(0);
    assertThat(newest.path("ok").asBoolean()).isTrue();
    assertThat(newest.path("replicationState").asString()).isEqualTo("STREAMING");
    assertThat(newest.path("lagSeconds").asDouble()).isBetween(40.0, 50.0);
    assertThat(newest.path("primaryMarker").asString()).startsWith("SIM_LSN");
    assertThat(newest.path("connectivity").size()).isEqualTo(2);
    assertThat(newest.path("payload").isObject()).isTrue();
    assertThat(newest.path("payload").size()).isPositive();
    assertThat(list.get(0).path("observedAt").asString())
        .isGreaterThanOrEqualTo(list.get(1).path("observedAt").asString());

    JsonNode empty =
        as("dave")
            .get(
                "/api/v1/resources/mon-it-lagging/observations"
                    + "?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
            .json();
    assertThat(empty.size()).isZero();
  }

  @Test
  void badObservationQueriesAre400NamingTheParameter() {
    for (String[] bad :
        List.of(
            new String[] {"from=yesterday", "from"},
            new String[] {"to=2024-13-01T00:00:00Z", "to"},
            new String[] {"limit=0", "limit"},
            new String[] {"limit=abc", "limit"},
            new String[] {"from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "from"})) {
      Response response = as("dave").get("/api/v1/resources/mon-it-lagging/observations?" + bad[0]);
      assertThat(response.status()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.json().path("detail").asString()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void adminScrapesPerResourceMetrics() {
    awaitStatus("mon-it-lagging", "YELLOW", "OK");

    Response metrics = as("admin").get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.body())
        .containsPattern("continuity_resource_lag_seconds\\{[^}]*resource=\"mon-it-lagging\"")
        .containsPattern("continuity_resource_lag_bytes\\{[^}]*platform=\"SIMULATED\"")
        .containsPattern("continuity_resource_status\\{[^}]*resource=\"mon-it-lagging\"[^}]*} 1")
        .contains("continuity_resource_evidence_age_seconds{")
        .contains("continuity_probe_duration_seconds_count{")
        .containsPattern(
            "continuity_probe_failures_total\\{[^}]*resource=\"mon-it-no-connector\"[^}]*} [1-9]")
        .containsPattern("tier=\"1\"");
    assertThat(as("alice").get("/actuator/prometheus").status()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private static List<String> codes(JsonNode status) {
    return status.path("reasons").valueStream().map(r -> r.path("code").asString()).toList();
  }

  private static JsonNode find(JsonNode array, String id) {
    return array
        .valueStream()
        .filter(n -> n.path("id").asString().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " missing from " + array));
  }

  /** Collects the published status change events. */
  @TestConfiguration
  static class Events {
    @Bean
    StatusChanges statusChanges() {
      return new StatusChanges();
    }
  }

  static class StatusChanges {
    final List<ResourceStatusChanged> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ResourceStatusChanged event) {
      events.add(event);
    }

    List<String> statusesOf(String id) {
      return events.stream()
          .filter(e -> e.resourceId().equals(id))
          .map(e -> e.status() + "/" + e.visibility())
          .toList();
    }
  }
}
