package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.BeforeStepHooks;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 on a real PostgreSQL pair, through the whole engine: a switchover whose promote fails
 * after the quiesce because the target went away between the catch-up and the promote (the lab
 * stops it just before the real {@code promote-target} runs). The run ends FAILED with the old
 * primary stopped by the quiesce and no node taking writes; the evidence and the recovery view say
 * so per member; the roll-back (a person's confirmation, no approval) starts the old primary again
 * and it takes writes; and a roll-forward, once the target is back, finishes the move with every
 * gate checked again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresPairRecoveryIT {

  static final String PASSWORD = "pair-recovery-password";
  static final String RESOURCE = "lab-pg";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static PostgresPair pair;
  static Path dir;

  @LocalServerPort int port;
  @Autowired StepLog stepLog;

  @BeforeAll
  static void startPair() throws IOException {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    dir = Files.createTempDirectory("continuity-pair-recovery-it");
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @AfterEach
  void noHooksLeft() {
    BeforeStepHooks.clear();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-pair-recovery"));
    registry.add(
        "continuity.inventory", () -> PostgresPairExecutionIT.inventory(pair, dir, 2).toString());
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier2", () -> "500ms");
    registry.add("continuity.monitoring.timeout", () -> "3s");
    registry.add("continuity.execution.max-evidence-age", () -> "10s");
    registry.add("continuity.execution.cooldown", () -> "1ms");
    registry.add("continuity.execution.token-secret", () -> "pair-recovery-it-secret");
    registry.add("continuity.test.step-hooks", () -> "true");
  }

  @Test
  @Order(1)
  void aPromoteThatFailsAfterTheQuiesceIsReportedAndRolledBackToAWritablePrimary() {
    ExecutionDriver api = api();
    PostgresNode east = pair.node("east");
    PostgresNode west = pair.node("west");
    String failed = failedSwitchover(api, "CHG-5001");

    // What the run left: the old primary stopped by its quiesce, the target stopped by "the
    // disaster", nobody taking writes, and the inventory still naming east.
    assertThat(east.isRunning()).as("east was stopped by the quiesce").isFalse();
    assertThat(api.currentPrimary(RESOURCE)).isEqualTo("east");
    JsonNode verdict = api.evidence(failed).path("members").get(0);
    assertThat(verdict.path("statement").asString())
        .contains("Failed at step promote-target")
        .contains("primary recorded east");
    assertThat(verdict.path("primaryNow").asString()).isEqualTo("east");

    JsonNode recovery = awaitRecovery(api, failed, m -> !m.path("primaryTakesWrites").asBoolean());
    assertThat(recovery.path("recoveryNeeded").asBoolean()).isTrue();
    JsonNode back = RecoveryPlansIT.option(recovery, "roll-back");
    assertThat(back.path("available").asBoolean()).as(back.toString()).isTrue();
    assertThat(back.path("approvalsRequired").asInt()).isZero();
    assertThat(RecoveryPlansIT.strings(back.path("actions")))
        .containsExactly("lab-pg: start east again and verify it takes writes (wave 1)");

    Response created = requestRecovery(api, failed, "roll-back", "west is down, east back");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    String rollBack = created.json().path("id").asString();
    assertThat(created.json().path("state").asString()).isEqualTo("APPROVED");
    api.confirmWhenReady(rollBack);
    api.awaitState(rollBack, "SUCCEEDED");

    assertThat(east.isRunning()).isTrue();
    assertThat(east.isInRecovery()).isFalse();
    assertThat(east.sql("insert into recovery_probe values (1) returning id")).isEqualTo("1");
    assertThat(
            stepLog.list(rollBack).stream()
                .map(StepRecord::stepId)
                .filter(s -> s.equals("resume-primary"))
                .count())
        .isEqualTo(1);
    await().atMost(PATIENCE).until(() -> !recovery(api, failed).path("recoveryNeeded").asBoolean());

    // The target comes back as what it was: east's standby.
    pair.start(west);
    pair.awaitStreaming(west, PATIENCE);
    assertThat(west.isInRecovery()).isTrue();
    assertThat(api.currentPrimary(RESOURCE)).isEqualTo("east");
  }

  @Test
  @Order(2)
  void onceTheTargetIsBackARollForwardFinishesTheMoveWithItsGatesCheckedAgain() {
    ExecutionDriver api = api();
    PostgresNode west = pair.node("west");
    awaitGreen(api);
    String failed = failedSwitchover(api, "CHG-5002");
    pair.start(west);

    JsonNode recovery = awaitRecovery(api, failed, m -> true);
    JsonNode forward = RecoveryPlansIT.option(recovery, "roll-forward");
    assertThat(forward.path("available").asBoolean()).as(forward.toString()).isTrue();
    assertThat(forward.path("approvalsRequired").asInt()).isEqualTo(1);
    Response created = requestRecovery(api, failed, "roll-forward", "west is back, finish");
    assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
    String rollForward = created.json().path("id").asString();
    assertThat(created.json().path("state").asString()).isEqualTo("PENDING_APPROVAL");
    api.approve(rollForward, "bob");
    api.confirmWhenReady(rollForward);
    api.awaitState(rollForward, "SUCCEEDED");

    assertThat(stepLog.list(rollForward).stream().map(StepRecord::stepId).toList())
        .as("the continuation checks the quiesced state, then runs the switchover's own gates")
        .startsWith("precheck-continuation", "quiesce-primary", "wait-for-catch-up")
        .contains("promote-target", "rejoin-old-primary")
        .doesNotContain("precheck-replication");
    assertThat(api.currentPrimary(RESOURCE)).isEqualTo("west");
    assertThat(pair.primary().name()).isEqualTo("west");
    pair.awaitStreaming(pair.node("east"), PATIENCE);
    assertThat(api.evidence(rollForward).path("conclusion").asString())
        .startsWith("Caught up to marker WAL_LSN ");
  }

  /** A switchover east → west whose target is stopped just before its promote step. */
  String failedSwitchover(ExecutionDriver api, String ticket) {
    east().sql("create table if not exists recovery_probe (id int)");
    String id = api.request("SWITCHOVER", RESOURCE, "west", ticket);
    api.approve(id, "bob");
    BeforeStepHooks.onceBefore("promote-target", () -> pair.stop(pair.node("west"), StopMode.FAST));
    api.confirmWhenReady(id);
    api.awaitState(id, "FAILED");
    assertThat(pair.node("west").isRunning()).isFalse();
    return id;
  }

  PostgresNode east() {
    return pair.node("east");
  }

  void awaitGreen(ExecutionDriver api) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                api.as("dave")
                    .get("/api/v1/resources/" + RESOURCE + "/status")
                    .json()
                    .path("status")
                    .asString(),
            "GREEN"::equals);
  }

  JsonNode awaitRecovery(
      ExecutionDriver api, String failed, java.util.function.Predicate<JsonNode> member) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> recovery(api, failed),
            r -> {
              List<JsonNode> members = new ArrayList<>();
              r.path("members").forEach(members::add);
              return r.path("recoveryNeeded").asBoolean()
                  && members.size() == 1
                  && member.test(members.get(0));
            });
  }

  JsonNode recovery(ExecutionDriver api, String failed) {
    Response response = api.as("dave").get("/api/v1/executions/" + failed + "/recovery");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response.json();
  }

  Response requestRecovery(ExecutionDriver api, String failed, String option, String reason) {
    return api.as("alice")
        .postJson(
            "/api/v1/executions/" + failed + "/recovery",
            "{\"option\":\"" + option + "\",\"reason\":\"" + reason + "\"}");
  }

  ExecutionDriver api() {
    return new ExecutionDriver(port, PASSWORD, PATIENCE);
  }
}
