package io.continuity.server.execution;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import io.continuity.server.web.ui.ConsoleBrowser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Issue 23 end to end on the simulated platform over real HTTP: a group switchover whose {@code
 * g-app} fails its promote after the quiesce leaves the group split and {@code g-app}'s primary
 * taking no writes; the evidence report says so per member; the recovery view offers roll-back and
 * roll-forward; a roll-back (confirmation only) brings every member back to {@code sim-east} in
 * reverse dependency order, and in another group a roll-forward (one approval) brings them to
 * {@code sim-west}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class RecoveryPlansIT {

  static final String PASSWORD = "it-recovery-password";
  static final Duration PATIENCE = Duration.ofSeconds(40);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail audit;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-recovery-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path inventory =
        Path.of(RecoveryPlansIT.class.getResource("/execution/recovery-inventory.yaml").toURI());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
    registry.add("continuity.execution.token-secret", () -> "recovery-it-secret");
  }

  @AfterAll
  static void forgetSimulatedResources() {
    for (String p : List.of("g", "f")) {
      for (String m : List.of("db", "app", "cache")) {
        SimulatedPlatform.forget(p + "-" + m);
      }
    }
  }

  @Test
  void aSplitGroupIsReportedPerMemberAndRolledBackInReverseOrderWithOnlyAConfirmation() {
    String failed = failedSplitRun("g");

    JsonNode evidence = as("dave").get("/api/v1/executions/" + failed + "/evidence").json();
    Map<String, JsonNode> verdicts = byResource(evidence.path("members"));
    assertThat(verdicts.get("g-db").path("statement").asString())
        .contains("switched: primary now sim-west");
    assertThat(verdicts.get("g-cache").path("statement").asString())
        .contains("switched: primary now sim-west");
    assertThat(verdicts.get("g-app").path("statement").asString())
        .contains("Failed at step promote-target")
        .contains("primary recorded sim-east");
    for (String member : List.of("g-db", "g-app", "g-cache")) {
      assertThat(verdicts.get(member).path("primaryNow").asString())
          .isEqualTo(currentPrimary(member));
    }
    assertThat(evidence.toString())
        .contains("split: g-db and g-cache now primary in sim-west, g-app in sim-east");

    JsonNode recovery = awaitRecoveryShowsQuiesced(failed, "g-app");
    assertThat(recovery.path("recoveryNeeded").asBoolean()).isTrue();
    assertThat(recovery.path("why").asString()).contains("split").contains("g-app left part-way");
    Map<String, JsonNode> members = byResource(recovery.path("members"));
    assertThat(members.get("g-app").path("primaryRecorded").asString()).isEqualTo("sim-east");
    assertThat(members.get("g-app").path("primaryTakesWrites").asBoolean()).isFalse();
    assertThat(members.get("g-app").path("observed").asString())
        .contains("primary quiesced: takes no writes");
    assertThat(members.get("g-db").path("primaryBefore").asString()).isEqualTo("sim-east");
    assertThat(members.get("g-db").path("target").asString()).isEqualTo("sim-west");
    JsonNode back = option(recovery, "roll-back");
    JsonNode forward = option(recovery, "roll-forward");
    assertThat(back.path("available").asBoolean()).isTrue();
    assertThat(back.path("approvalsRequired").asInt()).isZero();
    assertThat(strings(back.path("actions")))
        .containsExactly(
            "g-app: start sim-east again and verify it takes writes (wave 1)",
            "g-cache: switch back to sim-east (wave 1)",
            "g-db: switch back to sim-east (wave 2)");
    assertThat(forward.path("available").asBoolean()).isTrue();
    assertThat(forward.path("approvalsRequired").asInt()).isEqualTo(1);
    assertThat(strings(forward.path("actions")))
        .contains(
            "g-app: finish the switch to sim-west from where the run stopped, every gate checked"
                + " again (wave 2)");

    Response unknownField =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-back\",\"reason\":\"x\",\"ticket\":\"CHG-1\"}");
    assertThat(unknownField.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownField.body()).contains("ticket");
    Response badOption =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"sideways\",\"reason\":\"x\"}");
    assertThat(badOption.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badOption.body()).contains("option");
    Response viewerRefused =
        as("dave")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-back\",\"reason\":\"x\"}");
    assertThat(viewerRefused.status()).isEqualTo(HttpStatus.FORBIDDEN);

    // The confirmer is told of the split and the options.
    JsonNode notice =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    as("alice")
                        .get("/api/v1/notifications?executionId=" + failed)
                        .json()
                        .path("items"),
                items -> items.toString().contains("EXECUTION_FAILED"));
    JsonNode failedNotice = null;
    for (JsonNode n : notice) {
      if (n.path("eventType").asString().equals("EXECUTION_FAILED")) {
        failedNotice = n;
      }
    }
    assertThat(failedNotice.path("subject").asString()).contains("recovery needed");
    assertThat(failedNotice.path("body").asString())
        .contains("split: g-db and g-cache now primary in sim-west, g-app in sim-east")
        .contains("g-app: FAILED, primary sim-east")
        .contains("roll-back, needs a person's confirmation")
        .contains("g-db: switch back to sim-east (wave 2)")
        .contains("roll-forward, needs 1 approval(s)");

    // The request page shows each member and the options; the operator requests the roll-back.
    String rollBack;
    ConsoleBrowser.assumeChromium();
    try (ConsoleBrowser browser = ConsoleBrowser.start("http://localhost:" + port)) {
      Page viewer = browser.loggedIn("dave", PASSWORD);
      viewer.navigate("/executions/" + failed);
      Locator section = viewer.locator("[data-testid=recovery]");
      assertThat(section.locator("[data-testid=recovery-why]")).containsText("split: g-db");
      assertThat(section.locator("tr[data-member=g-app]")).containsText("NO");
      assertThat(section.locator("tr[data-member=g-app]")).containsText("takes no writes");
      assertThat(section.locator("tr[data-member=g-db]")).containsText("sim-west / sim-west");
      assertThat(section.locator("[data-option=roll-back] li").first())
          .hasText("g-app: start sim-east again and verify it takes writes (wave 1)");

      Page operator = browser.loggedIn("alice", PASSWORD);
      operator.navigate("/executions/" + failed);
      ConsoleBrowser.screenshot(operator, "recovery-options");
      operator.getByLabel("Why (required)").first().fill("bring the shop back together");
      operator
          .getByText("Request the roll-back", new Page.GetByTextOptions().setExact(true))
          .click();
      operator.waitForURL(url -> !url.endsWith("/executions/" + failed));
      String url = operator.url();
      rollBack = url.substring(url.lastIndexOf('/') + 1);
      assertThat(operator.locator("[data-testid=state]")).hasText("APPROVED");
    }
    JsonNode created = as("dave").get("/api/v1/executions/" + rollBack).json();
    assertThat(created.path("state").asString()).isEqualTo("APPROVED");
    assertThat(created.path("retryOf").asString()).isEqualTo(failed);
    assertThat(created.path("type").asString()).isEqualTo("SWITCHOVER");
    assertThat(created.path("targetSite").asString()).isEqualTo("primary");
    Response twice =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-back\",\"reason\":\"again\"}");
    assertThat(twice.status()).isEqualTo(HttpStatus.CONFLICT);

    JsonNode plan = awaitPlanReady(rollBack);
    assertThat(plan.toString()).contains("recovery-current").doesNotContain("\"cooldown\"");
    assertThat(confirm(rollBack, plan.path("confirmationToken").asString()).status())
        .isEqualTo(HttpStatus.ACCEPTED);
    awaitState(rollBack, "SUCCEEDED");

    for (String member : List.of("g-db", "g-app", "g-cache")) {
      assertThat(currentPrimary(member)).isEqualTo("sim-east");
    }
    List<String> order =
        jdbc.sql(
                "select member_resource_id from execution_step where execution_id = :id"
                    + " order by seq")
            .param("id", rollBack)
            .query(String.class)
            .list();
    assertThat(order.lastIndexOf("g-cache")).isLessThan(order.indexOf("g-db"));
    assertThat(order.lastIndexOf("g-app")).isLessThan(order.indexOf("g-db"));
    assertThat(
            jdbc.sql(
                    "select step_id from execution_step where execution_id = :id and"
                        + " member_resource_id = 'g-app' order by seq")
                .param("id", rollBack)
                .query(String.class)
                .list())
        .containsExactly("resume-primary", "verify-writes", "postcheck-roles");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                byResource(recovery(failed).path("members"))
                    .get("g-app")
                    .path("primaryTakesWrites")
                    .asBoolean());
    JsonNode after = recovery(failed);
    assertThat(after.path("recoveryNeeded").asBoolean()).isFalse();
    assertThat(after.path("why").asString()).contains("recovered by " + rollBack);

    List<AuditRecord> failedTrail = trail(failed);
    AuditRecord requested =
        failedTrail.stream().filter(r -> r.type().equals("RECOVERY_REQUESTED")).findFirst().get();
    assertThat(requested.details())
        .containsEntry("recoveryExecutionId", rollBack)
        .containsEntry("option", "roll-back");
    assertThat(trail(rollBack).get(0).details()).containsEntry("retryOf", failed);
    assertThat(
            jdbc.sql("select recovers_id from execution_recovery where execution_id = :id")
                .param("id", rollBack)
                .query(String.class)
                .single())
        .isEqualTo(failed);
  }

  @Test
  void aRollForwardNeedsAnApprovalSkipsTheMovedMembersAndReachesTheTarget() {
    String failed = failedSplitRun("f");
    SimulatedPlatform.setFailStep("f-app", null);

    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-forward\",\"reason\":\"promote fixed, finish the move\"}");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    String forward = created.json().path("id").asString();
    assertThat(created.json().path("state").asString()).isEqualTo("PENDING_APPROVAL");
    Response approved =
        as("bob")
            .postJson("/api/v1/executions/" + forward + "/approvals", "{\"decision\":\"APPROVE\"}");
    assertThat(approved.json().path("state").asString()).isEqualTo("APPROVED");

    JsonNode plan = awaitPlanReady(forward);
    JsonNode planned = plan.path("plan").path("members");
    assertThat(planned.size()).isEqualTo(1);
    assertThat(planned.get(0).path("resourceId").asString()).isEqualTo("f-app");
    confirm(forward, plan.path("confirmationToken").asString());
    awaitState(forward, "SUCCEEDED");

    for (String member : List.of("f-db", "f-app", "f-cache")) {
      assertThat(currentPrimary(member)).isEqualTo("sim-west");
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from execution_step where execution_id = :id and"
                        + " member_resource_id <> 'f-app'")
                .param("id", forward)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aFailedFailoverOffersOnlyTheRollForwardAndItReachesTheTarget() {
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"FAILOVER\",\"resourceId\":\"o-db\",\"targetSite\":\"sim-west\","
                    + "\"reason\":\"east is gone\"}");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    String failed = created.json().path("id").asString();
    as("bob").postJson("/api/v1/executions/" + failed + "/approvals", "{\"decision\":\"APPROVE\"}");
    JsonNode plan = awaitPlanReady(failed);
    SimulatedPlatform.setFailStep("o-db", "promote-target");
    confirm(failed, plan.path("confirmationToken").asString());
    awaitState(failed, "FAILED");
    SimulatedPlatform.setFailStep("o-db", null);

    JsonNode recovery = recovery(failed);
    assertThat(recovery.path("recoveryNeeded").asBoolean()).as(recovery.toString()).isTrue();
    JsonNode back = option(recovery, "roll-back");
    assertThat(back.path("available").asBoolean()).isFalse();
    assertThat(back.path("unavailableReason").asString()).contains("fenced by design");
    JsonNode forward = option(recovery, "roll-forward");
    assertThat(forward.path("available").asBoolean()).as(forward.toString()).isTrue();
    assertThat(strings(forward.path("actions")))
        .containsExactly(
            "o-db: finish the switch to sim-west from where the run stopped, every gate checked"
                + " again (wave 1)");
    Response refused =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-back\",\"reason\":\"start east again\"}");
    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.body()).contains("fenced by design");

    Response forwardCreated =
        as("alice")
            .postJson(
                "/api/v1/executions/" + failed + "/recovery",
                "{\"option\":\"roll-forward\",\"reason\":\"finish the failover\"}");
    assertThat(forwardCreated.status()).isEqualTo(HttpStatus.CREATED);
    String forwardId = forwardCreated.json().path("id").asString();
    assertThat(forwardCreated.json().path("type").asString()).isEqualTo("FAILOVER");
    as("bob")
        .postJson("/api/v1/executions/" + forwardId + "/approvals", "{\"decision\":\"APPROVE\"}");
    JsonNode forwardPlan = awaitPlanReady(forwardId);
    confirm(forwardId, forwardPlan.path("confirmationToken").asString());
    awaitState(forwardId, "SUCCEEDED");
    assertThat(currentPrimary("o-db")).isEqualTo("sim-west");
    assertThat(recovery(failed).path("recoveryNeeded").asBoolean()).isFalse();
  }

  /** The issue-23 run: the group's switchover to DR with {@code <p>-app} failing its promote. */
  String failedSplitRun(String p) {
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"SWITCHOVER\",\"groupId\":\""
                    + p
                    + "-shop\",\"targetSite\":\"dr\",\"reason\":\"move the shop\"}");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    String id = created.json().path("id").asString();
    as("bob").postJson("/api/v1/executions/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
    JsonNode plan = awaitPlanReady(id);
    SimulatedPlatform.setFailStep(p + "-app", "promote-target");
    assertThat(confirm(id, plan.path("confirmationToken").asString()).status())
        .isEqualTo(HttpStatus.ACCEPTED);
    awaitState(id, "FAILED");
    assertThat(currentPrimary(p + "-db")).isEqualTo("sim-west");
    assertThat(currentPrimary(p + "-cache")).isEqualTo("sim-west");
    assertThat(currentPrimary(p + "-app")).isEqualTo("sim-east");
    return id;
  }

  JsonNode awaitRecoveryShowsQuiesced(String id, String member) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> recovery(id),
            r ->
                byResource(r.path("members"))
                    .get(member)
                    .path("observed")
                    .asString()
                    .contains("quiesced"));
  }

  JsonNode recovery(String id) {
    Response response = as("dave").get("/api/v1/executions/" + id + "/recovery");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  static JsonNode option(JsonNode recovery, String word) {
    for (JsonNode o : recovery.path("options")) {
      if (o.path("option").asString().equals(word)) {
        return o;
      }
    }
    throw new AssertionError("no option " + word + " in " + recovery);
  }

  static Map<String, JsonNode> byResource(JsonNode array) {
    Map<String, JsonNode> map = new HashMap<>();
    array.forEach(n -> map.put(n.path("resourceId").asString(), n));
    return map;
  }

  static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asString()));
    return list;
  }

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  JsonNode awaitPlanReady(String id) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> as("alice").get("/api/v1/executions/" + id + "/plan").json(),
            p -> {
              List<String> failed = new ArrayList<>();
              p.path("prechecks")
                  .forEach(
                      c -> {
                        if (!c.path("passed").asBoolean()) {
                          failed.add(c.path("resourceId").asString() + "/" + c.path("id"));
                        }
                      });
              return failed.isEmpty() && !p.path("confirmationToken").isNull();
            });
  }

  Response confirm(String id, String token) {
    return as("alice")
        .postJson(
            "/api/v1/executions/" + id + "/confirm",
            "{\"confirmationToken\":\"" + token + "\",\"acknowledgeCooldown\":false}");
  }

  JsonNode awaitState(String id, String state) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> as("dave").get("/api/v1/executions/" + id).json(),
            r -> r.path("state").asString().equals(state));
  }

  String currentPrimary(String resource) {
    return as("dave")
        .get("/api/v1/resources/" + resource)
        .json()
        .path("currentPrimarySite")
        .asString();
  }

  List<AuditRecord> trail(String id) {
    return audit.find(new AuditQuery(id, null, null, null, null, 0, 500)).items();
  }
}
