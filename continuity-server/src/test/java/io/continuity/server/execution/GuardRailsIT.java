package io.continuity.server.execution;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.SimulatedInventory;
import io.continuity.server.support.TestStateStore;
import io.continuity.server.web.ui.ConsoleBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Issue 22's guard rails over real HTTP (and the console in Chromium) on H2, with monitoring
 * probing simulated resources every 200 ms: a misspelled field never changes a target; a reload
 * never pulls a resource out from under a run (pending requests are cancelled only when asked); a
 * resource whose last run ended in doubt stays flagged until a person acknowledges it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class GuardRailsIT {

  static final String PASSWORD = "it-guard-password";
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final List<String> RESOURCES =
      List.of("guard-typo", "guard-busy", "guard-idle", "guard-pending");

  static Path inventory;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail audit;
  @Autowired RunRecovery recovery;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-guard-it");
    TestStateStore.registerH2(registry, dir);
    inventory = Files.writeString(dir.resolve("inventory.yaml"), inventoryOf(RESOURCES, true));
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
    registry.add("continuity.execution.token-secret", () -> "guard-it-secret");
    registry.add("continuity.execution.cooldown", () -> "1s");
  }

  /** Simulated resources east/west; {@code grouped}: guard-busy and guard-idle form a group. */
  static String inventoryOf(List<String> ids, boolean grouped) {
    StringBuilder yaml = new StringBuilder(SimulatedInventory.yaml(ids, java.util.Map.of()));
    if (grouped) {
      yaml.append(
          """
          groups:
            - id: guard-pair
              name: Guard pair
              tier: 2
              members: [guard-busy, guard-idle]
          """);
    }
    return yaml.toString();
  }

  @AfterEach
  void restoreInventory() throws IOException {
    Files.writeString(inventory, inventoryOf(RESOURCES, true));
  }

  @AfterAll
  static void forgetSimulatedResources() {
    RESOURCES.forEach(SimulatedPlatform::forget);
  }

  // --- 1. strict request bodies ------------------------------------------------------------

  @Test
  void aMisspelledTargetSiteIsRefusedNamingTheFieldAndNothingIsRequested() {
    long before = executionCount();

    Response typo =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"SWITCHOVER\",\"resourceId\":\"guard-typo\",\"targetsite\":\"east\","
                    + "\"reason\":\"typo\"}");
    Response window =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"DRILL\",\"resourceId\":\"guard-typo\",\"reason\":\"r\","
                    + "\"window\":{\"start\":\"22:00\"}}");

    assertThat(typo.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(typo.headers().getContentType().toString()).contains("application/problem+json");
    assertThat(typo.json().path("field").asString()).isEqualTo("targetsite");
    assertThat(typo.json().path("detail").asString())
        .startsWith("unknown field 'targetsite'; did you mean 'targetSite'?")
        .contains("changeTicket, groupId, reason, resourceId, targetSite, type");
    assertThat(typo.body()).doesNotContain("Exception").doesNotContain("io.continuity");
    assertThat(window.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(window.json().path("field").asString())
        .as("window is a known field (decision 029); its fields are notBefore and notAfter")
        .isEqualTo("window.start");
    assertThat(executionCount()).isEqualTo(before);
  }

  @Test
  void unknownFieldsAreRefusedOnEveryKindOfBody() {
    Response token = as("alice").postJson("/api/v1/tokens", "{\"name\":\"ci\",\"expiresInDay\":5}");
    Response reload = as("admin").postJson("/api/v1/executions/EX-none/cancel", "{\"reson\":1}");

    assertThat(token.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(token.json().path("detail").asString()).contains("did you mean 'expiresInDays'?");
    assertThat(reload.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(reload.json().path("detail").asString()).contains("did you mean 'reason'?");
  }

  @Test
  void theOpenApiDocumentSaysRequestBodiesAreStrict() {
    JsonNode schemas = as("dave").get("/v3/api-docs").json().path("components").path("schemas");

    assertThat(schemas.path("Create").path("additionalProperties").isBoolean()).isTrue();
    assertThat(schemas.path("Create").path("additionalProperties").asBoolean()).isFalse();
    assertThat(schemas.path("Create").path("description").asString())
        .contains("Unknown fields are refused");
  }

  // --- 2. reloads that respect runs, 3. a run that ended in doubt ----------------------------

  @Test
  void aReloadNeverPullsAResourceOutFromUnderARunAndARunEndedInDoubtStaysFlagged()
      throws IOException {
    String id = approvedSwitchover("guard-busy");
    JsonNode plan = awaitPlanReady(id);
    SimulatedPlatform.setHangStep("guard-busy", "promote-target");
    assertThat(confirm(id, plan.path("confirmationToken").asString()).status())
        .isEqualTo(HttpStatus.ACCEPTED);
    awaitStepStarted(id, "promote-target");

    // Removing the resource while its switchover runs: refused as a whole, even with cancelPending.
    Files.writeString(
        inventory, inventoryOf(List.of("guard-typo", "guard-idle", "guard-pending"), false));
    for (String query : List.of("", "?cancelPending=true")) {
      Response refused = as("admin").postJson("/api/v1/inventory/reload" + query, "");
      assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
      assertThat(messages(refused))
          .contains(
              "resource 'guard-busy' has execution "
                  + id
                  + " in state RUNNING: wait for it to end or cancel it; this reload removes the"
                  + " resource. Nothing was changed.");
    }
    // Taking it out of its group is refused at the group's members line.
    Files.writeString(
        inventory,
        inventoryOf(RESOURCES, true).replace("[guard-busy, guard-idle]", "[guard-idle]"));
    Response ungrouped = as("admin").postJson("/api/v1/inventory/reload", "");
    assertThat(ungrouped.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    JsonNode error = ungrouped.json().path("errors").get(0);
    assertThat(error.path("file").asString()).isEqualTo(inventory.toString());
    assertThat(error.path("line").asInt()).isPositive();
    assertThat(error.path("field").asString()).as(ungrouped.body()).isEqualTo("groups[0].members");
    assertThat(error.path("message").asString()).contains("removes it from group 'guard-pair'");
    // Nothing changed: the resource is still there, monitored, and the run still runs.
    assertThat(as("dave").get("/api/v1/resources/guard-busy/status").status())
        .isEqualTo(HttpStatus.OK);
    assertThat(state(id)).isEqualTo("RUNNING");
    assertThat(types(null)).contains("INVENTORY_RELOAD_REFUSED");

    // The runner is lost while promote-target is in flight: the run ends FAILED, in doubt.
    loseRunner(id);
    assertThat(recovery.recover(id)).containsInstanceOf(ResumeDecision.Interrupt.class);
    awaitState(id, "FAILED");
    JsonNode doubt =
        as("dave").get("/api/v1/resources/guard-busy/status").json().path("lastExecutionInDoubt");
    assertThat(doubt.path("summary").asString())
        .isEqualTo(
            "last execution "
                + id
                + " ended with step promote-target in an unknown state (INTERRUPTED)");
    JsonNode inOverview = overviewOf("guard-busy").path("lastExecutionInDoubt");
    assertThat(inOverview.path("executionId").asString()).isEqualTo(id);

    // The next request's topology precheck reports it and blocks the start.
    SimulatedPlatform.setHangStep("guard-busy", null);
    String next = approvedSwitchover("guard-busy");
    JsonNode blocked = awaitPlanReady(next, "guard-busy/topology");
    assertThat(check(blocked, "topology").path("detail").asString())
        .contains("last execution " + id + " ended with step promote-target in an unknown state");

    // Acknowledging needs an operating role (a viewer is refused, audited) and a note.
    assertThat(as("dave").postJson(ack(id), "{\"note\":\"looked\"}").status())
        .isEqualTo(HttpStatus.FORBIDDEN);
    Response noNote = as("alice").postJson(ack(id), "{}");
    assertThat(noNote.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noNote.json().path("field").asString()).isEqualTo("note");

    // The console shows it on the tile and the resource page; an operator acknowledges there.
    ConsoleBrowser.assumeChromium();
    try (ConsoleBrowser browser = ConsoleBrowser.start("http://localhost:" + port)) {
      Page viewer = browser.loggedIn("dave", PASSWORD);
      viewer.navigate("/");
      assertThat(viewer.locator("[data-testid=tile-guard-busy] [data-testid=tile-doubt]"))
          .containsText("last execution " + id + " ended with step promote-target");
      viewer.navigate("/resources/guard-busy");
      assertThat(viewer.locator("[data-testid=doubt-banner]")).containsText("unknown state");
      assertThat(viewer.getByText("Acknowledge", new Page.GetByTextOptions().setExact(true)))
          .hasCount(0);

      Page operator = browser.loggedIn("alice", PASSWORD);
      operator.navigate("/resources/guard-busy");
      ConsoleBrowser.screenshot(operator, "guard-rails-doubt-banner");
      operator.getByLabel("What you checked").fill("west is primary and writable, east fenced");
      operator.getByText("Acknowledge", new Page.GetByTextOptions().setExact(true)).click();
      operator.waitForURL(url -> url.endsWith("/resources/guard-busy"));
      assertThat(operator.locator("[data-testid=doubt-banner]")).hasCount(0);
    }
    AuditRecord acknowledged =
        trail(id).stream()
            .filter(r -> r.type().equals("EXECUTION_DOUBT_ACKNOWLEDGED"))
            .findFirst()
            .orElseThrow();
    assertThat(acknowledged.actor()).isEqualTo("alice");
    assertThat(acknowledged.reason()).isEqualTo("west is primary and writable, east fenced");
    assertThat(acknowledged.details())
        .containsEntry("steps", "guard-busy/promote-target INTERRUPTED");
    JsonNode settled = as("dave").get("/api/v1/resources/guard-busy/status").json();
    assertThat(settled.path("lastExecutionInDoubt").isNull()).isTrue();
    assertThat(as("bob").postJson(ack(id), "{\"note\":\"again\"}").status())
        .isEqualTo(HttpStatus.CONFLICT);
    // Once acknowledged, the same request passes its prechecks and may start.
    JsonNode ready = awaitPlanReady(next);
    assertThat(check(ready, "topology").path("passed").asBoolean()).isTrue();
  }

  @Test
  void pendingRequestsAreCancelledByAReloadOnlyWhenAskedAndEachIsAudited() throws IOException {
    String pending = create("guard-pending");
    Files.writeString(
        inventory, inventoryOf(List.of("guard-typo", "guard-busy", "guard-idle"), true));

    Response refused = as("admin").postJson("/api/v1/inventory/reload", "");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(messages(refused))
        .anyMatch(
            m ->
                m.startsWith(
                        "resource 'guard-pending' has execution "
                            + pending
                            + " in state PENDING_APPROVAL")
                    && m.contains("cancelPending=true"));
    assertThat(state(pending)).isEqualTo("PENDING_APPROVAL");
    assertThat(as("dave").get("/api/v1/resources/guard-pending/status").status())
        .isEqualTo(HttpStatus.OK);

    Response applied = as("admin").postJson("/api/v1/inventory/reload?cancelPending=true", "");

    assertThat(applied.status()).isEqualTo(HttpStatus.OK);
    assertThat(applied.json().path("executionsCancelled").get(0).asString()).isEqualTo(pending);
    assertThat(applied.json().path("changes").path("resourcesRemoved").get(0).asString())
        .isEqualTo("guard-pending");
    assertThat(state(pending)).isEqualTo("CANCELLED");
    AuditRecord cancelled =
        trail(pending).stream()
            .filter(r -> r.type().equals("REQUEST_CANCELLED"))
            .findFirst()
            .orElseThrow();
    assertThat(cancelled.actor()).isEqualTo("admin");
    assertThat(cancelled.reason()).isEqualTo("inventory reload");

    Files.writeString(inventory, inventoryOf(RESOURCES, true));
    assertThat(as("admin").postJson("/api/v1/inventory/reload", "").status())
        .isEqualTo(HttpStatus.OK);
  }

  // --- helpers -----------------------------------------------------------------------------

  HttpTestClient as(String user) {
    return HttpTestClient.onPort(port).as(user, PASSWORD);
  }

  static String ack(String id) {
    return "/api/v1/executions/" + id + "/acknowledge";
  }

  String create(String resource) {
    Response created =
        as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"SWITCHOVER\",\"resourceId\":\""
                    + resource
                    + "\",\"targetSite\":\"west\",\"reason\":\"guard rails IT\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    return created.json().path("id").asString();
  }

  String approvedSwitchover(String resource) {
    String id = create(resource);
    Response approved =
        as("bob").postJson("/api/v1/executions/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
    assertThat(approved.json().path("state").asString()).isEqualTo("APPROVED");
    return id;
  }

  JsonNode awaitPlanReady(String id, String... expectedFailures) {
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
                          failed.add(
                              c.path("resourceId").asString() + "/" + c.path("id").asString());
                        }
                      });
              return failed.equals(List.of(expectedFailures))
                  && (expectedFailures.length > 0 || !p.path("confirmationToken").isNull());
            });
  }

  static JsonNode check(JsonNode plan, String checkId) {
    for (JsonNode c : plan.path("prechecks")) {
      if (c.path("id").asString().equals(checkId)) {
        return c;
      }
    }
    throw new AssertionError("no precheck " + checkId + " in " + plan);
  }

  Response confirm(String id, String token) {
    return as("alice")
        .postJson(
            "/api/v1/executions/" + id + "/confirm", "{\"confirmationToken\":\"" + token + "\"}");
  }

  void awaitStepStarted(String id, String step) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from execution_step where execution_id = :id and step_id"
                            + " = :step and outcome = 'STARTED'")
                    .param("id", id)
                    .param("step", step)
                    .query(Long.class)
                    .single(),
            n -> n == 1);
  }

  /** The runner's instance "dies": its lease lapses under another name. */
  void loseRunner(String id) {
    jdbc.sql(
            "update execution_lease set owner = 'dead-instance', expires_at = :past where"
                + " execution_id = :id")
        .param("past", OffsetDateTime.parse("2000-01-01T00:00:00Z"))
        .param("id", id)
        .update();
  }

  void awaitState(String id, String state) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> state(id), state::equals);
  }

  String state(String id) {
    return as("dave").get("/api/v1/executions/" + id).json().path("state").asString();
  }

  long executionCount() {
    return as("dave").get("/api/v1/executions").json().path("total").asLong();
  }

  JsonNode overviewOf(String resource) {
    for (JsonNode r : as("dave").get("/api/v1/status").json().path("resources")) {
      if (r.path("id").asString().equals(resource)) {
        return r;
      }
    }
    throw new AssertionError("no " + resource + " in the status overview");
  }

  static List<String> messages(Response problem) {
    List<String> messages = new ArrayList<>();
    problem.json().path("errors").forEach(e -> messages.add(e.path("message").asString()));
    return messages;
  }

  List<AuditRecord> trail(String id) {
    return audit.find(new AuditQuery(id, null, null, null, null, 0, 500)).items();
  }

  List<String> types(String id) {
    return trail(id).stream().map(AuditRecord::type).toList();
  }
}
