package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.ResourceRoleChanges;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The execution engine end to end on H2 over real HTTP, with the real monitoring scheduler probing
 * simulated resources every 200 ms: request, approval, plan, confirmation, the run and its
 * evidence; and every way a start is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ExecutionEngineIT {

  static final String PASSWORD = "it-engine-password";
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail audit;
  @Autowired ResourceRoleChanges roles;
  @Autowired RunRecovery recovery;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-engine-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path inventory =
        Path.of(ExecutionEngineIT.class.getResource("/execution/engine-inventory.yaml").toURI());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
    registry.add("continuity.execution.token-secret", () -> "engine-it-secret");
  }

  @AfterAll
  static void forgetSimulatedResources() {
    for (String id :
        List.of(
            "eng-switch",
            "eng-fail",
            "eng-topo",
            "eng-stale",
            "eng-lag",
            "eng-busy",
            "eng-dry",
            "eng-g1",
            "eng-g2",
            "eng-g3")) {
      SimulatedPlatform.forget(id);
    }
  }

  @Test
  void approvedSwitchoverRunsToSuccessSwapsRolesAndConcludesCaughtUp() {
    String id = approvedSwitchover("eng-switch", "west");
    JsonNode plan = awaitPlanReady(id);
    assertThat(plan.path("state").asString()).isEqualTo("READY_TO_START");
    JsonNode steps = plan.path("plan").path("members").get(0).path("steps");
    assertThat(steps.get(3).path("id").asString()).isEqualTo("promote-target");
    assertThat(steps.get(3).path("idempotent").asBoolean()).isFalse();
    assertThat(plan.path("dataLoss").get(0).asString()).contains("planned: no data loss expected");
    assertThat(plan.path("evidence").get(0).path("drMarker").asString()).startsWith("SIM_LSN");

    Response confirmed = confirm(id, plan.path("confirmationToken").asString(), false);
    assertThat(confirmed.status()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(confirmed.json().path("state").asString()).isEqualTo("RUNNING");

    JsonNode done = awaitState(id, "SUCCEEDED");
    assertThat(done.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(currentPrimary("eng-switch")).isEqualTo("west");
    assertThat(SimulatedPlatform.primarySite("eng-switch")).contains("west");
    JsonNode evidence = as("dave").get("/api/v1/executions/" + id + "/evidence").json();
    assertThat(evidence.path("conclusion").asString()).startsWith("Caught up to marker SIM_LSN");
    assertThat(evidence.path("steps").size()).isEqualTo(7);
    assertThat(evidence.path("steps").get(3).path("auditSeqs").size()).isEqualTo(2);
    assertThat(evidence.path("approvals").get(0).path("actor").asString()).isEqualTo("bob");
    assertThat(evidence.path("before").get(0).path("resourceId").asString())
        .isEqualTo("eng-switch");
    // The report carries an audit anchor that proves later the trail was not rewritten.
    long anchorSeq = evidence.path("auditAnchor").path("seq").asLong();
    String anchorHash = evidence.path("auditAnchor").path("hash").asString();
    assertThat(anchorSeq).isPositive();
    JsonNode anchored =
        as("dave")
            .get("/api/v1/audit/verify?anchorSeq=" + anchorSeq + "&anchorHash=" + anchorHash)
            .json();
    assertThat(anchored.path("valid").asBoolean()).isTrue();
    assertThat(anchored.path("anchorHeld").asBoolean()).isTrue();
    Response half = as("dave").get("/api/v1/audit/verify?anchorSeq=" + anchorSeq);
    assertThat(half.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(half.json().path("detail").asString()).contains("anchorHash");
    assertThat(as("dave").get("/api/v1/audit/verify?anchorSeq=1&anchorHash=nothex").status())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    Response html = as("dave").get("/api/v1/executions/" + id + "/evidence.html");
    assertThat(html.body())
        .contains("<h1>Execution evidence " + id)
        .contains("Caught up")
        .contains("Audit anchor at this report: <code>seq " + anchorSeq);
    Response events = as("dave").get("/api/v1/executions/" + id + "/events");
    assertThat(events.body())
        .contains("event:EXECUTION_STARTED")
        .contains("event:STEP_COMPLETED")
        .contains("event:EXECUTION_SUCCEEDED");

    // Within the cool-down a new run is blocked unless the confirmer acknowledges it.
    String back = approvedSwitchover("eng-switch", "east");
    JsonNode backPlan = awaitPlanReady(back, "eng-switch/cooldown");
    Response blocked = confirm(back, backPlan.path("confirmationToken").asString(), false);
    assertThat(blocked.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(failedChecks(blocked)).containsExactly("eng-switch/cooldown");
    Response acknowledged =
        as("alice")
            .postJson(
                "/api/v1/executions/" + back + "/confirm",
                "{\"confirmationToken\":\""
                    + backPlan.path("confirmationToken").asString()
                    + "\",\"acknowledgeCooldown\":true}");
    assertThat(acknowledged.status()).isEqualTo(HttpStatus.ACCEPTED);
    awaitState(back, "SUCCEEDED");
    assertThat(currentPrimary("eng-switch")).isEqualTo("east");
    assertThat(types(back)).contains("COOLDOWN_ACKNOWLEDGED", "CONFIRMATION_REFUSED");
  }

  @Test
  void aFailingStepStopsTheRunAndTheTrailTellsTheStoryInOrder() {
    String id = approvedSwitchover("eng-fail", "west");
    JsonNode plan = awaitPlanReady(id);
    SimulatedPlatform.setFailStep("eng-fail", "promote-target");

    assertThat(confirm(id, plan.path("confirmationToken").asString(), false).status())
        .isEqualTo(HttpStatus.ACCEPTED);

    JsonNode failed = awaitState(id, "FAILED");
    assertThat(failed.toString()).contains("promote-target");
    List<String> logged =
        jdbc.sql("select step_id from execution_step where execution_id = :id order by seq")
            .param("id", id)
            .query(String.class)
            .list();
    assertThat(logged)
        .containsExactly(
            "precheck-replication", "quiesce-primary", "wait-for-catch-up", "promote-target");
    assertThat(
            jdbc.sql("select outcome from execution_step where execution_id = :id and seq = 4")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("FAILED");
    assertThat(currentPrimary("eng-fail")).isEqualTo("east");
    List<String> story = types(id);
    assertThat(story)
        .containsSubsequence(
            "REQUEST_CREATED",
            "APPROVAL_GRANTED",
            "CONFIRMATION_PRESENTED",
            "EXECUTION_STARTED",
            "STEP_STARTED",
            "STEP_COMPLETED",
            "STEP_STARTED",
            "STEP_FAILED",
            "EXECUTION_FAILED")
        .doesNotContain("EXECUTION_SUCCEEDED", "RESOURCE_ROLE_CHANGED");
    assertThat(story.get(story.size() - 1)).isEqualTo("EXECUTION_FAILED");
    AuditRecord end = trail(id).get(trail(id).size() - 1);
    assertThat(end.reason())
        .contains("promote-target")
        .contains("failed (simulated by failStep)")
        .contains("left as after step wait-for-catch-up");
    JsonNode evidence = as("dave").get("/api/v1/executions/" + id + "/evidence").json();
    assertThat(evidence.path("conclusion").asString())
        .startsWith("Execution FAILED at step promote-target");
  }

  @Test
  void confirmIsRefusedAfterATopologyChangeNamingWhatChanged() {
    String id = approvedSwitchover("eng-topo", "west");
    JsonNode plan = awaitPlanReady(id);
    roles.recordRoleChange("eng-topo", "west", "EX-BEHIND-ITS-BACK");

    Response refused = confirm(id, plan.path("confirmationToken").asString(), false);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.json().path("changes").toString())
        .contains("topology changed: the primary of eng-topo was east and is now west");
    assertThat(state(id)).isEqualTo("READY_TO_START");
    assertThat(forged(id).status()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void staleEvidenceBlocksTheStart() {
    String id = approvedSwitchover("eng-stale", "west");
    JsonNode plan = plan(id);
    assertThat(plan.path("state").asString()).isEqualTo("READY_TO_START");

    Response refused = confirm(id, plan.path("confirmationToken").asString(), false);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(failedChecks(refused)).contains("eng-stale/evidence-fresh");
    assertThat(refused.json().path("detail").asString()).contains("no evidence");
    assertThat(state(id)).isEqualTo("READY_TO_START");
  }

  @Test
  void excessLagBlocksASwitchover() {
    String id = approvedSwitchover("eng-lag", "west");
    JsonNode plan = awaitPlanReady(id, "eng-lag/replication-lag");

    Response refused = confirm(id, plan.path("confirmationToken").asString(), false);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(failedChecks(refused)).containsExactly("eng-lag/replication-lag");
    assertThat(refused.json().path("detail").asString()).contains("max-switchover-lag");
  }

  @Test
  void aSecondRequestOnTheSameResourceIsBlockedWhileOneRuns() {
    String first = approvedSwitchover("eng-busy", "west");
    JsonNode plan = awaitPlanReady(first);
    SimulatedPlatform.setHangStep("eng-busy", "wait-for-catch-up");
    confirm(first, plan.path("confirmationToken").asString(), false);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from execution_step where execution_id = :id and step_id"
                            + " = 'wait-for-catch-up' and outcome = 'STARTED'")
                    .param("id", first)
                    .query(Long.class)
                    .single(),
            n -> n == 1);

    String second = approvedSwitchover("eng-busy", "west");
    JsonNode secondPlan = plan(second);
    Response refused = confirm(second, secondPlan.path("confirmationToken").asString(), false);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(failedChecks(refused)).contains("eng-busy/no-concurrent-run");
    assertThat(refused.json().path("detail").asString()).contains(first);
    assertThat(state(first)).isEqualTo("RUNNING");
    assertThat(state(second)).isEqualTo("READY_TO_START");
  }

  @Test
  void aDryRunChecksEverythingAndChangesNothing() {
    String id = approvedSwitchover("eng-dry", "west");
    JsonNode plan = awaitPlanReady(id);
    long events = trail(id).size();
    long version = version(id);

    Response dry =
        as("alice")
            .postJson(
                "/api/v1/executions/" + id + "/confirm?dryRun=true",
                "{\"confirmationToken\":\"" + plan.path("confirmationToken").asString() + "\"}");

    assertThat(dry.status()).isEqualTo(HttpStatus.OK);
    assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
    assertThat(dry.json().path("started").asBoolean()).isFalse();
    assertThat(dry.json().path("plan").path("prechecksPassed").asBoolean()).isTrue();
    assertThat(dry.json().path("plan").path("prechecks").size()).isGreaterThanOrEqualTo(5);
    assertThat(state(id)).isEqualTo("READY_TO_START");
    assertThat(version(id)).isEqualTo(version);
    assertThat(trail(id)).hasSize((int) events);
    assertThat(
            jdbc.sql("select count(*) from execution_run where execution_id = :id")
                .param("id", id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aGroupRunsWaveByWaveAndSwapsEveryMember() {
    String id =
        create(
            "{\"type\":\"SWITCHOVER\",\"groupId\":\"eng-group\",\"targetSite\":\"dr\","
                + "\"reason\":\"move the group\"}");
    approve(id);
    JsonNode plan = awaitPlanReady(id);
    JsonNode members = plan.path("plan").path("members");
    assertThat(members.size()).isEqualTo(3);
    assertThat(members.get(2).path("resourceId").asString()).isEqualTo("eng-g3");
    assertThat(members.get(2).path("wave").asInt()).isEqualTo(2);

    confirm(id, plan.path("confirmationToken").asString(), false);

    awaitState(id, "SUCCEEDED");
    for (String member : List.of("eng-g1", "eng-g2", "eng-g3")) {
      assertThat(currentPrimary(member)).isEqualTo("west");
    }
    List<String> waves =
        jdbc.sql("select completed_steps from execution_request where id = :id")
            .param("id", id)
            .query(String.class)
            .list();
    assertThat(waves.get(0)).contains("wave-1").contains("wave-2");
    Integer lastWave1 =
        jdbc.sql(
                "select max(seq) from execution_step where execution_id = :id and"
                    + " member_resource_id <> 'eng-g3'")
            .param("id", id)
            .query(Integer.class)
            .single();
    Integer firstWave2 =
        jdbc.sql(
                "select min(seq) from execution_step where execution_id = :id and"
                    + " member_resource_id = 'eng-g3'")
            .param("id", id)
            .query(Integer.class)
            .single();
    assertThat(firstWave2).isGreaterThan(lastWave1);
  }

  @Test
  void aRunWhoseRunnerIsLostDuringAPromotionEndsInterruptedNamingIt() {
    String id = approvedSwitchover("eng-crash", "west");
    JsonNode plan = awaitPlanReady(id);
    SimulatedPlatform.setHangStep("eng-crash", "promote-target");
    confirm(id, plan.path("confirmationToken").asString(), false);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from execution_step where execution_id = :id and step_id"
                            + " = 'promote-target' and outcome = 'STARTED'")
                    .param("id", id)
                    .query(Long.class)
                    .single(),
            n -> n == 1);
    // The runner's instance "dies": its lease lapses under another name.
    jdbc.sql(
            "update execution_lease set owner = 'dead-instance', expires_at = :past where"
                + " execution_id = :id")
        .param("past", java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"))
        .param("id", id)
        .update();

    java.util.Optional<ResumeDecision> decision = recovery.recover(id);

    assertThat(decision).containsInstanceOf(ResumeDecision.Interrupt.class);
    JsonNode failed = awaitState(id, "FAILED");
    assertThat(failed.toString()).contains("INTERRUPTED").contains("promote-target");
    assertThat(
            jdbc.sql(
                    "select outcome from execution_step where execution_id = :id and step_id ="
                        + " 'promote-target'")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("INTERRUPTED");
    assertThat(
            jdbc.sql("select count(*) from execution_active_resource where execution_id = :id")
                .param("id", id)
                .query(Long.class)
                .single())
        .isZero();
  }

  // --- helpers -----------------------------------------------------------------------------

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  String approvedSwitchover(String resource, String target) {
    String id =
        create(
            "{\"type\":\"SWITCHOVER\",\"resourceId\":\""
                + resource
                + "\",\"targetSite\":\""
                + target
                + "\",\"reason\":\"engine IT\"}");
    approve(id);
    return id;
  }

  String create(String json) {
    Response created = as("alice").postJson("/api/v1/executions", json);
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    return created.json().path("id").asString();
  }

  void approve(String id) {
    Response approved =
        as("bob").postJson("/api/v1/executions/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
    assertThat(approved.json().path("state").asString()).isEqualTo("APPROVED");
  }

  JsonNode plan(String id) {
    Response plan = as("alice").get("/api/v1/executions/" + id + "/plan");
    assertThat(plan.status()).isEqualTo(HttpStatus.OK);
    return plan.json();
  }

  /** The plan once monitoring has fresh evidence: every check passes but the expected failures. */
  JsonNode awaitPlanReady(String id, String... expectedFailures) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> plan(id),
            p -> {
              List<String> failed = new ArrayList<>();
              p.path("prechecks")
                  .forEach(
                      c -> {
                        if (!c.path("passed").asBoolean()) {
                          failed.add(
                              c.path("resourceId").asString() + "/" + c.path("id").asString());
                        }
                      });
              return failed.equals(List.of(expectedFailures))
                  && !p.path("confirmationToken").isNull();
            });
  }

  Response confirm(String id, String token, boolean acknowledge) {
    return as("alice")
        .postJson(
            "/api/v1/executions/" + id + "/confirm",
            "{\"confirmationToken\":\""
                + token
                + "\",\"acknowledgeCooldown\":"
                + acknowledge
                + "}");
  }

  Response forged(String id) {
    return confirm(id, "eyJ4IjoxfQ.AAAA", false);
  }

  JsonNode awaitState(String id, String state) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> as("dave").get("/api/v1/executions/" + id).json(),
            r -> r.path("state").asString().equals(state));
  }

  String state(String id) {
    return as("dave").get("/api/v1/executions/" + id).json().path("state").asString();
  }

  long version(String id) {
    return jdbc.sql("select version from execution_request where id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  String currentPrimary(String resource) {
    return as("dave")
        .get("/api/v1/resources/" + resource)
        .json()
        .path("currentPrimarySite")
        .asString();
  }

  List<String> failedChecks(Response refused) {
    List<String> failed = new ArrayList<>();
    refused.json().path("failedChecks").forEach(c -> failed.add(c.asString()));
    return failed;
  }

  List<AuditRecord> trail(String id) {
    return audit.find(new AuditQuery(id, null, null, null, null, 0, 500)).items();
  }

  List<String> types(String id) {
    return trail(id).stream().map(AuditRecord::type).toList();
  }
}
