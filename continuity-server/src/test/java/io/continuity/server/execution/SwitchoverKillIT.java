package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.lab.LabInventory;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PairWriter;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.StepFreezer;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A switchover of a real PostgreSQL pair survives {@code kill -9} of the server in every one of its
 * steps (issue 18, safety invariants 8 and 10). For each step in turn, while a client writes every
 * 10 ms: request, two approvals, confirm; the server runs the step for real and is killed before it
 * can record the outcome; a new server process on the same store resumes the run. Each time the run
 * ends SUCCEEDED with the target the only primary, every acknowledged client write is on it, the
 * trail holds every decision and the resumption, and the audit chain verifies.
 */
class SwitchoverKillIT {

  static final String PASSWORD = "kill-it-password";
  static final String RESOURCE = "kill-pg";
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final List<String> EVERY_STEP =
      List.of(
          "precheck-replication",
          "quiesce-primary",
          "wait-for-catch-up",
          "promote-target",
          "verify-writes",
          "rejoin-old-primary",
          "postcheck-roles");

  /**
   * The steps during which the pair has no writable primary: the old one is stopped and the target
   * not promoted yet. The PostgreSQL store runs these; the embedded default runs every step.
   */
  static final List<String> WITHOUT_A_PRIMARY =
      List.of("quiesce-primary", "wait-for-catch-up", "promote-target");

  @Test
  void onTheEmbeddedStoreAServerKilledInAnyStepOfASwitchoverLeavesOnePrimaryAndLosesNoWrite()
      throws Exception {
    killInEach(TestStateStore.Kind.H2, EVERY_STEP);
  }

  @Test
  void onPostgresqlAServerKilledWhileThePairHasNoPrimaryResumesTheSwitchoverToTheEnd()
      throws Exception {
    killInEach(TestStateStore.Kind.POSTGRES, WITHOUT_A_PRIMARY);
  }

  static void killInEach(TestStateStore.Kind kind, List<String> steps) throws Exception {
    String schema = null;
    if (kind == TestStateStore.Kind.POSTGRES) {
      PostgresTestServer.assumeReachable();
      schema = PostgresTestServer.createFreshSchema();
    }
    Path work = Files.createTempDirectory("continuity-kill-it");
    Path freeze = Files.createDirectories(work.resolve("freeze"));
    ServerProcess server = null;
    try (PostgresPair pair = PostgresPair.start(LabAssumptions.postgresBinaries());
        PairWriter writer = PairWriter.start(pair, 1)) {
      Path inventory = new LabInventory(RESOURCE, 1, null).write(pair, work.resolve("inv.yaml"));
      server = start(kind, schema, work, inventory, freeze, "kill-0");
      int round = 0;
      for (String step : steps) {
        round++;
        ExecutionDriver api = new ExecutionDriver(server.port(), PASSWORD, PATIENCE);
        String target = pair.peerOf(pair.primary()).name();
        StepFreezer.freezeAfter(freeze, step);
        String id = api.request("SWITCHOVER", RESOURCE, target, "CHG-" + round);
        api.approve(id, "bob", "carol");
        api.confirmWhenReady(id);
        await().atMost(PATIENCE).until(() -> Files.exists(StepFreezer.reachedFile(freeze, step)));

        server.kill();
        StepFreezer.thaw(freeze, step);
        server = start(kind, schema, work, inventory, freeze, "kill-" + round);
        api = new ExecutionDriver(server.port(), PASSWORD, PATIENCE);

        JsonNode done = api.awaitState(id, "SUCCEEDED");
        PostgresNode primary = pair.primary();
        assertThat(primary.name()).as("killed in %s: %s", step, done).isEqualTo(target);
        assertThat(pair.peerOf(primary).isInRecovery())
            .as("killed in %s: the old primary is a standby, not a second primary", step)
            .isTrue();
        assertThat(api.currentPrimary(RESOURCE)).isEqualTo(target);
        writer.awaitMore(50, Duration.ofSeconds(30));
        assertThat(writer.missingOn(primary))
            .as("killed in %s: acknowledged client writes missing from the new primary", step)
            .isEmpty();
        List<String> types = api.types(id);
        assertThat(types.stream().filter("APPROVAL_GRANTED"::equals).count()).isEqualTo(2);
        assertThat(types)
            .as("killed in %s", step)
            .containsSubsequence("EXECUTION_STARTED", "EXECUTION_RESUMED", "EXECUTION_SUCCEEDED");
        String resumed =
            ExecutionCrashIT.lastOf(api, id, "EXECUTION_RESUMED").path("reason").asString();
        assertThat(resumed).contains("step " + step + " of " + RESOURCE + " was in flight");
        JsonNode verified = api.verifyAudit();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        System.out.printf(
            "kill in %-22s -> %s SUCCEEDED, %s primary, %d writes acknowledged, none lost%n",
            step, id, target, writer.acknowledgedCount());
      }
    } finally {
      if (server != null) {
        server.close();
      }
      if (schema != null) {
        PostgresTestServer.dropSchema(schema);
      }
    }
  }

  static ServerProcess start(
      TestStateStore.Kind kind,
      String schema,
      Path work,
      Path inventory,
      Path freeze,
      String name) {
    Map<String, String> properties =
        kind == TestStateStore.Kind.POSTGRES
            ? InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, name)
            : InstanceProperties.demoOnH2(work.resolve("data"), PASSWORD, inventory, name);
    properties.put("continuity.monitoring.interval.tier1", "500ms");
    properties.put("continuity.monitoring.timeout", "3s");
    properties.put("continuity.execution.max-evidence-age", "10s");
    properties.put("continuity.execution.cooldown", "1ms");
    properties.put("continuity.execution.lease-duration", "2s");
    properties.put("continuity.execution.token-secret", "kill-it-secret");
    properties.put("continuity.test.freeze-dir", freeze.toString());
    return ServerProcess.start(name, work, properties);
  }
}
