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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Safety invariant 6 across a take-over, with two real server processes on one PostgreSQL store:
 * the prober is killed ({@code kill -9}) or frozen (SIGSTOP, as a long GC pause or a VM freeze
 * looks) or stopped cleanly (SIGTERM: it hands the lease over), and the survivor's status API and
 * console are sampled every 250 ms until every resource has fresh evidence from the survivor. No
 * sample shows GREEN on evidence older than the staleness threshold: while the estate has no prober
 * the survivor shows visibility LOST with the last known status. The lease (6 s) is longer than the
 * threshold (3 × 1 s), so every run goes through a stale window. Every resource is fresh again
 * within lease + one interval (+ scheduling margin), and the survivor reports how long the estate
 * was without a prober.
 */
class ProberTakeoverIT {

  static final String PASSWORD = "prober-takeover-it-password";
  static final Duration LEASE = Duration.ofSeconds(6);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration THRESHOLD = INTERVAL.multipliedBy(3);
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final List<String> RESOURCES = List.of("pair-1", "pair-2", "pair-3");
  static final String GROUP = "pairs";
  static final Pattern TILE =
      Pattern.compile("data-testid=\"tile-([^\"]+)\"[^>]*data-status=\"([A-Z]+)\"");

  Path work;
  String schema;
  JdbcClient store;
  final Map<String, ServerProcess> servers = new LinkedHashMap<>();

  @BeforeEach
  void startTwoInstances() throws IOException {
    PostgresTestServer.assumeReachable();
    work = Files.createTempDirectory("continuity-prober-takeover-it");
    schema = PostgresTestServer.createFreshSchema();
    store =
        JdbcClient.create(
            new DriverManagerDataSource(
                PostgresTestServer.urlFor(schema),
                PostgresTestServer.USER,
                PostgresTestServer.PASSWORD));
    Path inventory = inventory();
    CompletableFuture<ServerProcess> a =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("take-a", work, properties("take-a", inventory)));
    CompletableFuture<ServerProcess> b =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("take-b", work, properties("take-b", inventory)));
    servers.put("take-a", a.join());
    servers.put("take-b", b.join());
  }

  @AfterEach
  void stopInstances() {
    servers.values().forEach(ServerProcess::close);
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }

  @Test
  void noGreenOnStaleEvidenceWhileTheSurvivorTakesOverFromAKilledProber() {
    Run run = steadyState();
    Instant stoppedAt = Instant.now();
    servers.get(run.prober()).kill();

    Takeover takeover = sampleUntilFresh(run, stoppedAt);

    takeover.assertNoFalseGreenAndTimely("kill -9");
    assertSurvivorReportsTheGap(run.survivor());
    assertEachLossAlertedOnceAndResolved(stoppedAt);
  }

  @Test
  void noGreenOnStaleEvidenceWhileTheSurvivorTakesOverFromAFrozenProber() {
    Run run = steadyState();
    Instant stoppedAt = Instant.now();
    servers.get(run.prober()).suspend();

    Takeover takeover = sampleUntilFresh(run, stoppedAt);

    takeover.assertNoFalseGreenAndTimely("SIGSTOP");
    assertSurvivorReportsTheGap(run.survivor());

    // Thawed, the old prober learns it lost the lease and writes nothing more (fenced).
    long before = observationsBy(run.prober());
    servers.get(run.prober()).resume();
    await()
        .atMost(PATIENCE)
        .until(() -> servers.get(run.prober()).log().contains("lost the prober lease"));
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    assertThat(observationsBy(run.prober()))
        .as("the thawed prober wrote nothing")
        .isEqualTo(before);
    assertThat(leaseOwner()).isEqualTo(run.survivor());
    List<String> thawed = new ArrayList<>();
    for (JsonNode status : overviewOn(run.prober(), run.token()).path("resources")) {
      assertNotGreenUnlessFresh(status, thawed, "thawed " + run.prober());
    }
    assertThat(thawed).as("GREEN on stale evidence on the thawed instance").isEmpty();
    assertEachLossAlertedOnceAndResolved(stoppedAt);
  }

  @Test
  void aCleanlyStoppedProberHandsTheLeaseOverAtOnce() {
    Run run = steadyState();
    Instant stoppedAt = Instant.now();
    ServerProcess prober = servers.get(run.prober());
    prober.stop(PATIENCE);

    assertThat(prober.log()).doesNotContain("the prober lease could not be released");
    assertThat(leaseOwner().equals(run.survivor()) || !leaseExpiry().isAfter(Instant.now()))
        .as("the stopped prober gave its lease up (no lapse to wait for)")
        .isTrue();
    Takeover takeover = sampleUntilFresh(run, stoppedAt);

    assertThat(takeover.violations()).as("GREEN on stale evidence").isEmpty();
    // The survivor looks again at least every third of the lease: no waiting for a lapse.
    Duration bound = LEASE.dividedBy(3).plus(INTERVAL).plus(MARGIN);
    System.out.printf(
        "ProberTakeoverIT (SIGTERM): every resource fresh again %d ms after the stop (bound %d"
            + " ms = lease/3 + interval + margin)%n",
        takeover.freshAgainAfter().toMillis(), bound.toMillis());
    assertThat(takeover.freshAgainAfter()).as("hand-over time").isLessThanOrEqualTo(bound);
  }

  /** Which instance probes, the other one, and a token for the API samples (no bcrypt per call). */
  record Run(String prober, String survivor, String token) {}

  Run steadyState() {
    await()
        .atMost(PATIENCE)
        .until(() -> observationsByAnyone() > 5L * RESOURCES.size() && leaseOwner() != null);
    String prober = leaseOwner();
    String survivor = prober.equals("take-a") ? "take-b" : "take-a";
    String token = issueToken(survivor);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              for (JsonNode status : overviewOn(survivor, token).path("resources")) {
                assertThat(status.path("status").asString())
                    .as(status.toString())
                    .isEqualTo("GREEN");
              }
            });
    return new Run(prober, survivor, token);
  }

  /** Samples the survivor's API and console until every resource has its fresh evidence. */
  Takeover sampleUntilFresh(Run run, Instant stoppedAt) {
    List<String> violations = new ArrayList<>();
    int samples = 0;
    int lostShown = 0;
    Instant deadline = stoppedAt.plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      Instant sampledAt = Instant.now();
      JsonNode overview = overviewOn(run.survivor(), run.token());
      String console = consoleOn(run.survivor());
      Map<String, Instant> newestEvidence = newestEvidence();
      samples++;
      for (JsonNode status : overview.path("resources")) {
        assertNotGreenUnlessFresh(status, violations, "API at " + sampledAt);
        if (status.path("visibility").asString().equals("LOST")
            && status.path("lastKnownStatus").asString().equals("GREEN")) {
          lostShown++;
        }
      }
      for (JsonNode status : overview.path("groups")) {
        assertNotGreenUnlessFresh(status, violations, "API group at " + sampledAt);
      }
      checkConsole(console, sampledAt, newestEvidence, violations);
      if (everyResourceFreshFrom(run.survivor()) && allGreenAndFresh(overview)) {
        Duration takeover = Duration.between(stoppedAt, freshAgainAt(run.survivor()));
        return new Takeover(takeover, samples, lostShown, violations);
      }
      sleep(Duration.between(Instant.now(), sampledAt.plus(SAMPLE_EVERY)));
    }
    throw new AssertionError(
        "the survivor did not refresh every resource within " + PATIENCE + "; " + violations);
  }

  /** What the sampling saw. */
  record Takeover(Duration freshAgainAfter, int samples, int lostShown, List<String> violations) {

    void assertNoFalseGreenAndTimely(String how) {
      Duration bound = LEASE.plus(INTERVAL).plus(MARGIN);
      System.out.printf(
          "ProberTakeoverIT (%s): every resource fresh again %d ms after the prober stopped"
              + " (bound %d ms = lease + interval + margin); %d samples of API and console, %d"
              + " resource statuses shown LOST with last known GREEN%n",
          how, freshAgainAfter.toMillis(), bound.toMillis(), samples, lostShown);
      assertThat(violations).as("GREEN on stale evidence").isEmpty();
      assertThat(lostShown)
          .as("the stale window (lease longer than the threshold) was shown as LOST")
          .isPositive();
      assertThat(freshAgainAfter).as("take-over time").isLessThanOrEqualTo(bound);
    }
  }

  void assertSurvivorReportsTheGap(String survivor) {
    HttpTestClient.Response health =
        HttpTestClient.onPort(servers.get(survivor).port())
            .as("admin", PASSWORD)
            .get("/actuator/health");
    JsonNode prober = health.json().path("components").path("prober").path("details");
    System.out.println("ProberTakeoverIT: survivor's health detail " + prober);
    assertThat(prober.path("role").asString()).isEqualTo("prober");
    JsonNode last = prober.path("lastTakeover");
    assertThat(last.path("from").asString()).isNotEqualTo(survivor).isNotEmpty();
    assertThat(last.path("withoutProberSeconds").asDouble()).isPositive();
    assertThat(metric(survivor, "continuity_monitoring_prober_gap_seconds"))
        .isEqualTo(last.path("withoutProberSeconds").asDouble());
    assertThat(servers.get(survivor).log()).contains("the estate was without a prober for");
  }

  /**
   * The new prober judged what went stale without a prober at once: one readiness alert (visibility
   * lost) per resource, then its all-clear; none twice (the thawed prober alerts nothing).
   */
  void assertEachLossAlertedOnceAndResolved(Instant stoppedAt) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              Map<String, List<String>> events = readinessEventsSince(stoppedAt);
              for (String id : RESOURCES) {
                assertThat(events.get(id))
                    .as("readiness events of " + id + ": " + events)
                    .containsExactly("READINESS_ALERT:VISIBILITY_LOST", "READINESS_RESOLVED");
              }
            });
  }

  Map<String, List<String>> readinessEventsSince(Instant since) {
    Map<String, List<String>> events = new HashMap<>();
    store
        .sql(
            "select resource_id, event_type, details from audit_event where event_type in"
                + " ('READINESS_ALERT', 'READINESS_RESOLVED') and occurred_at >= :since order by"
                + " seq")
        .param("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
        .query(
            rs -> {
              String type = rs.getString("event_type");
              String details = rs.getString("details");
              String kind =
                  type.equals("READINESS_ALERT") && details.contains("VISIBILITY_LOST")
                      ? ":VISIBILITY_LOST"
                      : type.equals("READINESS_ALERT") ? ":" + details : "";
              events
                  .computeIfAbsent(rs.getString("resource_id"), id -> new ArrayList<>())
                  .add(type + kind);
            });
    return events;
  }

  static void assertNotGreenUnlessFresh(JsonNode status, List<String> violations, String where) {
    if (!status.path("status").asString().equals("GREEN")) {
      return;
    }
    boolean visible = status.path("visibility").asString().equals("OK");
    JsonNode age = status.path("evidenceAgeSeconds");
    if (!visible || !age.isNumber() || age.asLong() > THRESHOLD.toSeconds()) {
      violations.add(where + ": " + status);
    }
  }

  /** A GREEN tile is a violation when the newest evidence anywhere is older than the threshold. */
  static void checkConsole(
      String html, Instant sampledAt, Map<String, Instant> newest, List<String> violations) {
    Matcher tile = TILE.matcher(html);
    int tiles = 0;
    while (tile.find()) {
      tiles++;
      if (!tile.group(2).equals("GREEN")) {
        continue;
      }
      List<String> ids = tile.group(1).equals(GROUP) ? RESOURCES : List.of(tile.group(1));
      for (String id : ids) {
        Instant evidence = newest.get(id);
        // One second of slack: the store may trail the prober's memory by a write batch.
        if (evidence == null
            || Duration.between(evidence, sampledAt).compareTo(THRESHOLD.plusSeconds(1)) > 0) {
          violations.add(
              "console at "
                  + sampledAt
                  + ": tile "
                  + tile.group(1)
                  + " GREEN, "
                  + id
                  + " evidence at "
                  + evidence);
        }
      }
    }
    assertThat(tiles).as("tiles on the console").isEqualTo(RESOURCES.size() + 1);
  }

  static boolean allGreenAndFresh(JsonNode overview) {
    for (JsonNode status : overview.path("resources")) {
      if (!status.path("status").asString().equals("GREEN")
          || status.path("evidenceAgeSeconds").asLong() > THRESHOLD.toSeconds()) {
        return false;
      }
    }
    return true;
  }

  boolean everyResourceFreshFrom(String prober) {
    return store
            .sql(
                "select count(distinct resource_id) from observation where ok and prober ="
                    + " :prober")
            .param("prober", prober)
            .query(Long.class)
            .single()
        == RESOURCES.size();
  }

  /** When the last resource got its first evidence from the new prober. */
  Instant freshAgainAt(String prober) {
    return store
        .sql(
            "select max(first_ok) from (select min(observed_at) as first_ok from observation"
                + " where ok and prober = :prober group by resource_id) firsts")
        .param("prober", prober)
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
  }

  Map<String, Instant> newestEvidence() {
    Map<String, Instant> newest = new HashMap<>();
    store
        .sql(
            "select resource_id, max(observed_at) as at from observation where ok group by resource_id")
        .query(
            rs -> {
              newest.put(
                  rs.getString("resource_id"),
                  rs.getObject("at", OffsetDateTime.class).toInstant());
            });
    return newest;
  }

  long observationsBy(String prober) {
    return store
        .sql("select count(*) from observation where prober = :prober")
        .param("prober", prober)
        .query(Long.class)
        .single();
  }

  long observationsByAnyone() {
    return store.sql("select count(*) from observation").query(Long.class).single();
  }

  String leaseOwner() {
    return store
        .sql("select owner from monitoring_lease")
        .query(String.class)
        .optional()
        .orElse(null);
  }

  Instant leaseExpiry() {
    return store
        .sql("select expires_at from monitoring_lease")
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
  }

  String issueToken(String server) {
    HttpTestClient.Response issued =
        HttpTestClient.onPort(servers.get(server).port())
            .as("admin", PASSWORD)
            .postJson("/api/v1/tokens", "{\"name\":\"prober takeover samples\"}");
    assertThat(issued.status()).isEqualTo(HttpStatus.CREATED);
    return issued.json().path("token").asString();
  }

  JsonNode overviewOn(String server, String token) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port()).withToken(token).get("/api/v1/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  /** The dashboard's tiles (pages take no API token: HTTP Basic, one bcrypt per call). */
  String consoleOn(String server) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port())
            .as("dave", PASSWORD)
            .get("/fragments/estate");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.body();
  }

  double metric(String server, String name) {
    HttpTestClient.Response response =
        HttpTestClient.onPort(servers.get(server).port())
            .as("admin", PASSWORD)
            .get("/actuator/prometheus");
    for (String line : response.body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError(name + " not at /actuator/prometheus");
  }

  Map<String, String> properties(String instanceId, Path inventory) {
    Map<String, String> properties =
        InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, instanceId);
    properties.put("continuity.monitoring.interval.tier2", INTERVAL.toMillis() + "ms");
    properties.put("continuity.monitoring.leader-lease", LEASE.toMillis() + "ms");
    properties.put("continuity.monitoring.follow-interval", "300ms");
    properties.put("continuity.notify.alert-tiers", "1,2");
    return properties;
  }

  Path inventory() throws IOException {
    StringBuilder yaml = new StringBuilder(SimulatedInventory.yaml(RESOURCES, java.util.Map.of()));
    yaml.append("groups:\n")
        .append("  - id: ")
        .append(GROUP)
        .append("\n    name: Pairs\n    tier: 2\n    members: [")
        .append(String.join(", ", RESOURCES))
        .append("]\n");
    return Files.writeString(work.resolve("inventory.yaml"), yaml.toString());
  }

  static void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
