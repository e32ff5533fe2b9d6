package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Failed prechecks that policy lets an approver override, and a DR marker that went backwards
 * between the plan and the confirmation, over real HTTP on H2 with the real monitoring scheduler
 * probing simulated resources. Policy here opens only {@code replication-lag}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class PrecheckOverrideIT {

  static final String PASSWORD = "it-override-password";
  static Path inventory;

  @LocalServerPort int port;
  ExecutionDriver driver;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException {
    try {
      Path dir = Files.createTempDirectory("continuity-override-it");
      TestStateStore.registerH2(registry, dir);
      inventory = dir.resolve("inventory.yaml");
      Files.copy(
          Path.of(
              PrecheckOverrideIT.class.getResource("/execution/override-inventory.yaml").toURI()),
          inventory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier2", () -> "200ms");
    registry.add("continuity.monitoring.timeout", () -> "1s");
    registry.add("continuity.monitoring.watchdog-period", () -> "200ms");
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
    registry.add("continuity.execution.overridable-prechecks", () -> "replication-lag");
    registry.add("continuity.execution.token-secret", () -> "override-it-secret");
  }

  @BeforeEach
  void driver() {
    driver = new ExecutionDriver(port, PASSWORD, Duration.ofSeconds(30));
  }

  @AfterAll
  static void forgetSimulatedResources() {
    List.of("ovr-lag", "ovr-stale", "ovr-rewind", "ovr-g1", "ovr-g2")
        .forEach(SimulatedPlatform::forget);
  }

  @Test
  void anotherApproverOverridesExcessLagWithAReasonAndTheStartGoesAhead() {
    String id = driver.request("SWITCHOVER", "ovr-lag", "west", null);
    driver.approve(id, "bob");
    JsonNode plan = driver.awaitPlanFailing(id, "ovr-lag/replication-lag");
    JsonNode lag = check(plan, "replication-lag");
    assertThat(lag.path("overridable").asBoolean()).isTrue();
    String token = plan.path("confirmationToken").asString();

    Response blocked = driver.confirm(id, token);
    assertThat(blocked.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(blocked.json().path("detail").asString())
        .contains("override [ovr-lag/replication-lag]")
        .contains("/api/v1/executions/" + id + "/overrides");

    // The operator who confirms may not override; nor a viewer.
    Response byOperator = override(id, "alice", "ovr-lag/replication-lag", "I want to go on");
    assertThat(byOperator.status()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byOperator.json().path("detail").asString()).contains("needs the role APPROVER");
    assertThat(override(id, "dave", "ovr-lag/replication-lag", "x").status())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // Bad input names the field; a check that passes or does not exist is not overridden.
    Response noReason = override(id, "carol", "ovr-lag/replication-lag", " ");
    assertThat(noReason.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    Response passing = override(id, "carol", "ovr-lag/topology", "because");
    assertThat(passing.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(passing.json().path("detail").asString()).contains("nothing to override");
    Response unknown = override(id, "carol", "ovr-lag/no-such-check", "because");
    assertThat(unknown.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.json().path("detail").asString()).contains("ovr-lag/replication-lag");
    assertThat(driver.as("dave").get("/api/v1/executions/" + id + "/overrides").json().size())
        .isZero();

    Response granted =
        override(
            id, "carol", "ovr-lag/replication-lag", "DR applies in bulk at night; 45 s is normal");
    assertThat(granted.status()).as(granted.body()).isEqualTo(HttpStatus.CREATED);
    assertThat(granted.json().path("actor").asString()).isEqualTo("carol");
    assertThat(granted.json().path("seen").asString()).contains("max-switchover-lag");
    assertThat(override(id, "bob", "ovr-lag/replication-lag", "again").status())
        .isEqualTo(HttpStatus.CONFLICT);

    // The approvers (bob approved) and the requester are notified of the override; carol is not.
    for (String user : List.of("bob", "alice")) {
      assertThat(awaitNotification(user, id, "PRECHECK_OVERRIDDEN").path("reason").asString())
          .contains("45 s is normal");
    }
    assertThat(inbox("carol", id)).doesNotContain("PRECHECK_OVERRIDDEN");

    JsonNode overridden = check(driver.plan(id), "replication-lag");
    assertThat(overridden.path("passed").asBoolean()).isTrue();
    assertThat(overridden.path("overriddenBy").asString()).isEqualTo("carol");

    Response started = driver.confirm(id, token);
    assertThat(started.status()).as(started.body()).isEqualTo(HttpStatus.ACCEPTED);
    driver.awaitState(id, "SUCCEEDED");

    List<JsonNode> trail = driver.trail(id);
    JsonNode event =
        trail.stream()
            .filter(e -> e.path("type").asString().equals("PRECHECK_OVERRIDDEN"))
            .findFirst()
            .orElseThrow();
    assertThat(event.path("actor").asString()).isEqualTo("carol");
    assertThat(event.path("reason").asString()).contains("45 s is normal");
    assertThat(event.path("details").path("check").asString()).isEqualTo("ovr-lag/replication-lag");
    assertThat(driver.types(id))
        .containsSubsequence(
            "APPROVAL_GRANTED",
            "CONFIRMATION_REFUSED",
            "ATTEMPT_DENIED",
            "PRECHECK_OVERRIDDEN",
            "EXECUTION_STARTED",
            "EXECUTION_SUCCEEDED");
    assertThat(
            trail.stream()
                .filter(e -> e.path("type").asString().equals("PRECHECK_RESULT"))
                .map(JsonNode::toString)
                .filter(s -> s.contains("replication-lag")))
        .singleElement()
        .asString()
        .contains("OVERRIDDEN by carol");
    JsonNode evidence = driver.evidence(id);
    assertThat(evidence.path("overrides").toString())
        .contains("PRECHECK_OVERRIDDEN")
        .contains("carol")
        .contains(String.valueOf(event.path("seq").asLong()));
    assertThat(driver.verifyAudit().path("valid").asBoolean()).isTrue();
  }

  @Test
  void aCheckPolicyDoesNotOpenCannotBeOverridden() {
    String id = driver.request("SWITCHOVER", "ovr-stale", "west", null);
    driver.approve(id, "bob");
    JsonNode plan = driver.plan(id);
    assertThat(check(plan, "evidence-fresh").path("overridable").asBoolean()).isFalse();

    Response refused = override(id, "carol", "ovr-stale/evidence-fresh", "I trust it");

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.json().path("detail").asString())
        .contains("cannot be overridden")
        .contains("overridable-prechecks is [replication-lag]");
    assertThat(driver.types(id)).doesNotContain("PRECHECK_OVERRIDDEN");
  }

  @Test
  void confirmIsRefusedWhenTheDrMarkerWentBackwardsSinceThePlan() {
    String id = driver.request("SWITCHOVER", "ovr-rewind", "west", null);
    driver.approve(id, "bob");
    String token = driver.awaitPlanReady(id).path("confirmationToken").asString();

    // The DR side is rebuilt from an older point: its applied marker drops back 45 s.
    SimulatedPlatform.setScenario("ovr-rewind", "lagging");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> dryRun(id, token).path("changes").toString(), c -> c.contains("backwards"));
    Response refused = driver.confirm(id, token);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.json().path("reason").asString()).isEqualTo("TOPOLOGY_OR_PLAN_CHANGED");
    assertThat(refused.json().path("changes").toString())
        .contains("the DR marker of ovr-rewind went backwards");
    assertThat(driver.execution(id).path("state").asString()).isEqualTo("READY_TO_START");
  }

  @Test
  void aPlanThatChangedSinceTheApprovalIsNeverConfirmed() throws IOException {
    String id =
        driver
            .as("alice")
            .postJson(
                "/api/v1/executions",
                "{\"type\":\"SWITCHOVER\",\"groupId\":\"ovr-group\",\"targetSite\":\"dr\","
                    + "\"reason\":\"move the group\"}")
            .json()
            .path("id")
            .asString();
    driver.approve(id, "bob");

    // After bob approved a one-member group, the group gains a member: not what bob approved.
    Files.writeString(
        inventory,
        Files.readString(inventory).replace("members: [ovr-g1]", "members: [ovr-g1, ovr-g2]"));
    Response reloaded = driver.as("admin").postJson("/api/v1/inventory/reload", "");
    assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(HttpStatus.OK);

    JsonNode plan = driver.plan(id);
    assertThat(plan.path("plan").path("members").size()).isEqualTo(2);
    assertThat(plan.path("confirmationToken").isNull()).isTrue();
    assertThat(plan.path("changedSinceApproval").toString())
        .contains("since bob approved: members changed: [ovr-g1] -> [ovr-g1, ovr-g2]")
        .contains("since bob approved: the plan changed");
    assertThat(plan.path("confirmation").asString())
        .contains("what was approved no longer holds")
        .contains("/retry");
    JsonNode dry = dryRun(id, null);
    assertThat(dry.path("changes").toString()).contains("since bob approved");
    assertThat(driver.execution(id).path("state").asString()).isEqualTo("READY_TO_START");
  }

  /** The user's inbox notification of an event of this execution, once the projector wrote it. */
  JsonNode awaitNotification(String user, String id, String eventType) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (JsonNode n :
                  driver
                      .as(user)
                      .get("/api/v1/notifications?executionId=" + id)
                      .json()
                      .path("items")) {
                if (n.path("eventType").asString().equals(eventType)) {
                  return n;
                }
              }
              return null;
            },
            n -> n != null);
  }

  String inbox(String user, String id) {
    return driver.as(user).get("/api/v1/notifications?executionId=" + id).body();
  }

  Response override(String id, String user, String check, String reason) {
    return driver
        .as(user)
        .postJson(
            "/api/v1/executions/" + id + "/overrides",
            "{\"check\":\"" + check + "\",\"reason\":\"" + reason + "\"}");
  }

  JsonNode dryRun(String id, String token) {
    return driver
        .as("alice")
        .postJson(
            "/api/v1/executions/" + id + "/confirm?dryRun=true",
            token == null ? "{}" : "{\"confirmationToken\":\"" + token + "\"}")
        .json();
  }

  static JsonNode check(JsonNode plan, String checkId) {
    for (JsonNode c : plan.path("prechecks")) {
      if (c.path("id").asString().equals(checkId)) {
        return c;
      }
    }
    throw new AssertionError("no check " + checkId + " in " + plan.path("prechecks"));
  }
}
