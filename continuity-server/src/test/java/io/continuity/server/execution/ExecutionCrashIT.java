package io.continuity.server.execution;

import static io.continuity.server.execution.StoredSteps.assertNoStepRecordedTwice;
import static io.continuity.server.execution.StoredSteps.stepIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.SimulatedInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Crash safety for real: a server process runs three executions whose steps hang, is killed with
 * SIGKILL while they are in flight, and a new process on the same PostgreSQL store recovers them
 * once their leases lapse. A run caught in a non-idempotent step, or with one still ahead, ends
 * FAILED INTERRUPTED naming it and nothing after it runs; a run with only idempotent steps left
 * resumes, re-runs the step in flight as attempt 2 and succeeds. No step is recorded twice and the
 * audit chain verifies.
 */
class ExecutionCrashIT {

  static final String PASSWORD = "crash-it-password";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static Path work;
  static String schema;
  static StoredSteps steps;

  @BeforeAll
  static void store() throws IOException {
    PostgresTestServer.assumeReachable();
    work = Files.createTempDirectory("continuity-crash-it");
    schema = PostgresTestServer.createFreshSchema();
    steps =
        new StoredSteps(
            JdbcClient.create(
                new DriverManagerDataSource(
                    PostgresTestServer.urlFor(schema),
                    PostgresTestServer.USER,
                    PostgresTestServer.PASSWORD)));
  }

  @AfterAll
  static void dropStore() {
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }

  @Test
  void aKilledServerLeavesUnsafeRunsInterruptedAndResumesOnlyIdempotentOnes() throws IOException {
    String promoteId;
    String catchUpId;
    String drillId;
    try (ServerProcess first = start("crash-first", inventory(true))) {
      ExecutionDriver api = new ExecutionDriver(first.port(), PASSWORD, PATIENCE);
      promoteId = api.request("SWITCHOVER", "crash-promote", "west", null);
      catchUpId = api.request("SWITCHOVER", "crash-catchup", "west", null);
      drillId = api.request("DRILL", "crash-drill", "west", null);
      for (String id : List.of(promoteId, catchUpId, drillId)) {
        api.approve(id, "bob");
        api.confirmWhenReady(id);
      }
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  steps.inFlight(promoteId, "promote-target")
                      && steps.inFlight(catchUpId, "wait-for-catch-up")
                      && steps.inFlight(drillId, "discard-drill-clone"));

      first.kill();
    }
    List<StoredSteps.Row> promoteBefore = steps.of(promoteId);
    List<StoredSteps.Row> drillBefore = steps.of(drillId);

    try (ServerProcess second = start("crash-second", inventory(false))) {
      ExecutionDriver api = new ExecutionDriver(second.port(), PASSWORD, PATIENCE);

      // In flight in a non-idempotent step: stopped, named, nothing after it ran.
      JsonNode promote = api.awaitState(promoteId, "FAILED");
      assertThat(promote.toString()).contains("INTERRUPTED").contains("promote-target");
      List<StoredSteps.Row> promoteRows = steps.of(promoteId);
      assertThat(stepIds(promoteRows))
          .containsExactly(
              "precheck-replication", "quiesce-primary", "wait-for-catch-up", "promote-target");
      assertThat(promoteRows.get(3).outcome()).isEqualTo("INTERRUPTED");
      assertThat(promoteRows.subList(0, 3)).isEqualTo(promoteBefore.subList(0, 3));
      assertThat(api.currentPrimary("crash-promote")).isEqualTo("east");
      assertNoStepRecordedTwice(promoteRows);

      // In flight in an idempotent step with a non-idempotent one ahead: not resumed either.
      JsonNode catchUp = api.awaitState(catchUpId, "FAILED");
      assertThat(catchUp.toString()).contains("INTERRUPTED").contains("wait-for-catch-up");
      String catchUpReason = lastOf(api, catchUpId, "EXECUTION_FAILED").path("reason").asString();
      assertThat(catchUpReason)
          .contains("step wait-for-catch-up of crash-catchup was in flight")
          .contains("step promote-target of crash-catchup is not idempotent");
      List<StoredSteps.Row> catchUpRows = steps.of(catchUpId);
      assertThat(stepIds(catchUpRows))
          .containsExactly("precheck-replication", "quiesce-primary", "wait-for-catch-up");
      assertThat(catchUpRows.get(2).outcome()).isEqualTo("INTERRUPTED");
      assertNoStepRecordedTwice(catchUpRows);

      // Only idempotent steps left: resumed from the step in flight, which runs again as attempt 2.
      api.awaitState(drillId, "SUCCEEDED");
      List<StoredSteps.Row> drillRows = steps.of(drillId);
      assertThat(drillRows.subList(0, drillBefore.size() - 1))
          .isEqualTo(drillBefore.subList(0, drillBefore.size() - 1));
      StoredSteps.Row lost = drillRows.get(drillBefore.size() - 1);
      assertThat(lost.stepId()).isEqualTo("discard-drill-clone");
      assertThat(lost.outcome()).isEqualTo("INTERRUPTED");
      assertThat(lost.attempt()).isEqualTo(1);
      List<StoredSteps.Row> resumed = drillRows.subList(drillBefore.size(), drillRows.size());
      assertThat(stepIds(resumed)).containsExactly("discard-drill-clone", "postcheck-roles");
      assertThat(resumed.get(0).attempt()).isEqualTo(2);
      assertThat(resumed).allMatch(r -> r.outcome().equals("SUCCEEDED"));
      assertThat(resumed)
          .as("the resumed runner writes under a newer fencing token")
          .allMatch(r -> r.leaseToken() > lost.leaseToken());
      assertNoStepRecordedTwice(drillRows);
      assertThat(lastOf(api, drillId, "EXECUTION_RESUMED").path("reason").asString())
          .contains("step discard-drill-clone of crash-drill was in flight")
          .contains("so the run resumes from discard-drill-clone");
      assertThat(api.types(drillId))
          .containsSubsequence("EXECUTION_STARTED", "EXECUTION_RESUMED", "EXECUTION_SUCCEEDED");

      assertThat(steps.lease(drillId).owner()).isEqualTo("crash-second");
      for (String id : List.of(promoteId, catchUpId, drillId)) {
        assertThat(steps.activeClaims(id)).as("claims of " + id + " released").isZero();
      }
      JsonNode verified = api.verifyAudit();
      assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    }
  }

  static JsonNode lastOf(ExecutionDriver api, String id, String type) {
    List<JsonNode> found =
        api.trail(id).stream().filter(e -> e.path("type").asString().equals(type)).toList();
    assertThat(found).as(type + " of " + id).isNotEmpty();
    return found.get(found.size() - 1);
  }

  static ServerProcess start(String name, Path inventory) {
    Map<String, String> properties =
        InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, name);
    properties.put("continuity.execution.max-evidence-age", "10s");
    properties.put("continuity.execution.lease-duration", "2s");
    properties.put("continuity.execution.token-secret", "crash-it-secret");
    return ServerProcess.start(name, work, properties);
  }

  /** Three simulated tier-2 resources; with {@code hanging} each hangs at its step. */
  static Path inventory(boolean hanging) throws IOException {
    Map<String, String> hangs =
        Map.of(
            "crash-promote", "promote-target",
            "crash-catchup", "wait-for-catch-up",
            "crash-drill", "discard-drill-clone");
    return SimulatedInventory.write(
        work.resolve(hanging ? "inventory-hanging.yaml" : "inventory.yaml"),
        List.of("crash-promote", "crash-catchup", "crash-drill"),
        hanging ? hangs : Map.of());
  }
}
