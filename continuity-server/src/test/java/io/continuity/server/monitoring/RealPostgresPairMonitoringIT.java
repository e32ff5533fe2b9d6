package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.lab.LabInventory;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server monitoring a real PostgreSQL primary + standby from the lab through the installed
 * PostgreSQL connector, seen through the HTTP API: GREEN with WAL LSN markers and a heartbeat, not
 * GREEN with lag while replay is paused under writes, not GREEN with the DR site unreachable while
 * the standby is down, and GREEN again after each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPostgresPairMonitoringIT {

  static final String PASSWORD = "it-real-pair-password";
  static final String ID = "lab-postgres";
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static PostgresPair pair;
  static Path inventory;

  @LocalServerPort int port;

  @BeforeAll
  static void startPair() throws Exception {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    LabInventory.createHeartbeatTable(pair);
    pair.primary().sql("create table writes(id bigserial primary key, at timestamptz)");
    Path dir = Files.createTempDirectory("continuity-real-pair-it");
    inventory =
        new LabInventory(ID, 1, LabInventory.HEARTBEAT_TABLE)
            .write(pair, dir.resolve("inventory.yaml"));
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-real-pair-store"));
    registry.add("continuity.inventory", () -> inventory.toString());
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier1", () -> "500ms");
    registry.add("continuity.monitoring.interval.tier2", () -> "500ms");
    registry.add("continuity.monitoring.timeout", () -> "3s");
    registry.add("continuity.monitoring.staleness-threshold", () -> "10s");
    registry.add("continuity.monitoring.watchdog-period", () -> "500ms");
  }

  @Test
  @Order(1)
  void aHealthyPairIsGreenWithWalLsnMarkersAndAHeartbeat() {
    JsonNode green = awaitStatus(s -> is(s, "GREEN"));

    assertThat(green.path("platform").asString()).isEqualTo("POSTGRESQL");
    assertThat(green.path("visibility").asString()).isEqualTo("OK");
    assertThat(codes(green)).containsExactly("REPLICATION_HEALTHY");
    JsonNode newest = newestObservation();
    assertThat(newest.path("primaryMarker").asString()).contains("WAL_LSN").containsPattern("/");
    assertThat(newest.path("drMarker").asString()).contains("WAL_LSN");
    assertThat(newest.path("replicationState").asString()).isEqualTo("STREAMING");
    assertThat(newest.path("heartbeatWrittenAt").isNull())
        .as("the inventory's heartbeat table reached the connector")
        .isFalse();
  }

  @Test
  @Order(2)
  void pausedReplayUnderWritesShowsLagAndIsNotGreenUntilResumed() throws Exception {
    awaitStatus(s -> is(s, "GREEN"));
    pair.pauseReplay();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> write(pair.primary(), writing), "it-writer");
    writer.start();
    try {
      JsonNode lagging =
          awaitStatus(s -> !is(s, "GREEN") && s.path("lagBytes").asLong() > 0 && isVisible(s));
      assertThat(codes(lagging)).contains("REPLICATION_PAUSED");
    } finally {
      writing.set(false);
      writer.join(10_000);
      pair.resumeReplay();
    }

    // GREEN allows a lag under the warn threshold: wait until replay has caught up completely.
    JsonNode back = awaitStatus(s -> is(s, "GREEN") && s.path("lagBytes").asLong() == 0);
    assertThat(codes(back)).doesNotContain("REPLICATION_PAUSED");
  }

  @Test
  @Order(3)
  void aStoppedStandbyIsNotGreenAndTheDrSiteIsUnreachable() {
    awaitStatus(s -> is(s, "GREEN"));
    PostgresNode standby = pair.standby();
    pair.stop(standby, StopMode.FAST);
    try {
      JsonNode down = awaitStatus(s -> codes(s).contains("SITE_UNREACHABLE"));
      assertThat(down.path("status").asString()).isNotEqualTo("GREEN");
      JsonNode site =
          newestObservation()
              .path("connectivity")
              .valueStream()
              .filter(c -> c.path("site").asString().equals(standby.name()))
              .findFirst()
              .orElseThrow();
      assertThat(site.path("connectivity").asString()).isEqualTo("UNREACHABLE");
    } finally {
      pair.start(standby);
    }

    pair.awaitStreaming(standby, Duration.ofSeconds(20));
    awaitStatus(s -> is(s, "GREEN"));
  }

  private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> condition) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(this::statusFromOverview, condition);
  }

  /** The resource's entry in {@code GET /api/v1/status}. */
  private JsonNode statusFromOverview() {
    HttpTestClient.Response response = client().get("/api/v1/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response
        .json()
        .path("resources")
        .valueStream()
        .filter(r -> r.path("id").asString().equals(ID))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ID + " missing from " + response.body()));
  }

  private JsonNode newestObservation() {
    return client().get("/api/v1/resources/" + ID + "/observations?limit=1").json().get(0);
  }

  private HttpTestClient client() {
    return HttpTestClient.onPort(port).as("dave", PASSWORD);
  }

  private static boolean is(JsonNode status, String value) {
    return status.path("status").asString().equals(value) && isVisible(status);
  }

  private static boolean isVisible(JsonNode status) {
    return status.path("visibility").asString().equals("OK");
  }

  private static List<String> codes(JsonNode status) {
    return status.path("reasons").valueStream().map(r -> r.path("code").asString()).toList();
  }

  /** Inserts rows one by one until told to stop (errors end the loop: the test then fails). */
  private static void write(PostgresNode primary, AtomicBoolean writing) {
    try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      while (writing.get()) {
        s.executeUpdate("insert into writes(at) select now() from generate_series(1, 100)");
        Thread.sleep(20);
      }
    } catch (Exception e) {
      System.err.println("writer stopped: " + e);
    }
  }
}
