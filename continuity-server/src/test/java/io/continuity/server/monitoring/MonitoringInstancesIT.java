package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.SimulatedInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one PostgreSQL store: exactly one probes (every stored observation names
 * it as prober), the other's API shows the same fresh evidence read from the store; when the prober
 * is killed (kill -9) the other takes the lease over within its duration and keeps the statuses
 * fresh.
 */
class MonitoringInstancesIT {

  static final String PASSWORD = "monitoring-instances-it-password";
  static final Duration LEASE = Duration.ofSeconds(3);
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final List<String> RESOURCES = List.of("pair-1", "pair-2", "pair-3");

  static Path work;
  static String schema;
  static JdbcClient store;
  static Map<String, ServerProcess> servers = new LinkedHashMap<>();

  @BeforeAll
  static void startTwoInstances() throws IOException {
    PostgresTestServer.assumeReachable();
    work = Files.createTempDirectory("continuity-monitoring-instances-it");
    schema = PostgresTestServer.createFreshSchema();
    store =
        JdbcClient.create(
            new DriverManagerDataSource(
                PostgresTestServer.urlFor(schema),
                PostgresTestServer.USER,
                PostgresTestServer.PASSWORD));
    Path inventory = inventory();
    CompletableFuture<ServerProcess> first =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("mon-a", work, properties("mon-a", inventory)));
    CompletableFuture<ServerProcess> second =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("mon-b", work, properties("mon-b", inventory)));
    servers.put("mon-a", first.join());
    servers.put("mon-b", second.join());
  }

  @AfterAll
  static void stopInstances() {
    servers.values().forEach(ServerProcess::close);
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }

  @Test
  void exactlyOneInstanceProbesAndTheOtherTakesOverWhenItIsKilled() {
    await()
        .atMost(PATIENCE)
        .until(() -> observationsBy().values().stream().mapToLong(n -> n).sum() > 60);
    Map<String, Long> byProber = observationsBy();
    assertThat(byProber).as("one instance wrote every observation").hasSize(1);
    String leader = byProber.keySet().iterator().next();
    String follower = leader.equals("mon-a") ? "mon-b" : "mon-a";
    assertThat(leaseOwner()).isEqualTo(leader);
    long firstToken = leaseToken();
    assertThat(servers.get(follower).log()).doesNotContain(follower + " now probes");

    // The follower's API shows the leader's evidence, fresh, with what only the probe result has.
    for (String id : RESOURCES) {
      JsonNode status = statusOn(follower, id);
      assertThat(status.path("evidenceAgeSeconds").isNumber()).as(status.toString()).isTrue();
      assertThat(status.path("evidenceAgeSeconds").asLong()).as(status.toString()).isLessThan(3);
      assertThat(status.path("lagBytes").isNumber()).as(status.toString()).isTrue();
      assertThat(status.path("status").asString())
          .isEqualTo(statusOn(leader, id).path("status").asString());
    }

    // The overview (every resource, from the follower's memory) is as fresh.
    JsonNode overview = overviewOn(follower);
    assertThat(overview.path("resources").size()).isEqualTo(RESOURCES.size());
    for (JsonNode status : overview.path("resources")) {
      assertThat(status.path("evidenceAgeSeconds").asLong()).as(status.toString()).isLessThan(3);
      assertThat(status.path("lagBytes").isNumber()).as(status.toString()).isTrue();
    }

    // The probe metrics count on the prober only; the follower's gauges carry the leader's lag.
    assertThat(metricSum(leader, "continuity_probe_duration_seconds_count")).isPositive();
    assertThat(metricSum(follower, "continuity_probe_duration_seconds_count")).isZero();
    assertThat(metricSum(follower, "continuity_resource_lag_bytes")).isPositive();

    servers.get(leader).kill();
    Instant killedAt = Instant.now();
    await().atMost(PATIENCE).until(() -> observationsBy().getOrDefault(follower, 0L) > 10);
    Duration takeOver = Duration.between(killedAt, firstObservationBy(follower));
    assertThat(takeOver)
        .as("taken over within the lease (and a probe interval)")
        .isLessThan(LEASE.plusSeconds(3));
    assertThat(leaseOwner()).isEqualTo(follower);
    assertThat(leaseToken()).isGreaterThan(firstToken);
    assertThat(servers.get(follower).log()).contains(follower + " now probes");

    for (String id : RESOURCES) {
      JsonNode status = statusOn(follower, id);
      assertThat(status.path("evidenceAgeSeconds").asLong()).as(status.toString()).isLessThan(3);
      assertThat(status.path("visibility").asString()).isEqualTo("OK");
      assertThat(status.path("status").asString()).isEqualTo("GREEN");
    }
    assertThat(observationsBy().keySet()).containsExactlyInAnyOrder(leader, follower);
  }

  static JsonNode statusOn(String server, String resourceId) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port())
            .as("dave", PASSWORD)
            .get("/api/v1/resources/" + resourceId + "/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  /** The sum of every series of a metric at {@code /actuator/prometheus} (NaN counts as 0). */
  static double metricSum(String server, String metric) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port())
            .as("admin", PASSWORD)
            .get("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    double sum = 0;
    for (String line : response.body().split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        sum += Double.isNaN(value) ? 0 : value;
      }
    }
    return sum;
  }

  static JsonNode overviewOn(String server) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port())
            .as("dave", PASSWORD)
            .get("/api/v1/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  static Map<String, Long> observationsBy() {
    Map<String, Long> counts = new LinkedHashMap<>();
    store
        .sql(
            "select coalesce(prober, '?') as prober, count(*) as n from observation group by prober")
        .query(
            rs -> {
              counts.put(rs.getString("prober"), rs.getLong("n"));
            });
    return counts;
  }

  static Instant firstObservationBy(String prober) {
    return store
        .sql("select min(observed_at) from observation where prober = :prober")
        .param("prober", prober)
        .query(java.time.OffsetDateTime.class)
        .single()
        .toInstant();
  }

  static String leaseOwner() {
    return store.sql("select owner from monitoring_lease").query(String.class).single();
  }

  static long leaseToken() {
    return store.sql("select fencing_token from monitoring_lease").query(Long.class).single();
  }

  static Map<String, String> properties(String instanceId, Path inventory) {
    Map<String, String> properties =
        InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, instanceId);
    properties.put("continuity.monitoring.leader-lease", LEASE.toMillis() + "ms");
    properties.put("continuity.monitoring.follow-interval", "300ms");
    return properties;
  }

  static Path inventory() throws IOException {
    return SimulatedInventory.write(work.resolve("inventory.yaml"), RESOURCES, java.util.Map.of());
  }
}
