package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.SimulatedInventory;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the API acknowledged survives {@code kill -9} of the server (safety invariant 10), on
 * the embedded H2 store as {@code ./continuity demo} runs it and on PostgreSQL: a real server
 * process creates, approves and confirms requests, its runs start, and it is killed within
 * milliseconds of its last acknowledgement. After a restart on the same store every request is at
 * least where the API said it was, and every audit event read before the kill is still there with
 * the same sequence number and hash, so nothing acknowledged was quietly cut off the chain's end.
 */
class AcknowledgedDecisionsSurviveKillIT {

  static final String PASSWORD = "ack-it-password";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final List<String> RUNNING = List.of("ack-run-1", "ack-run-2", "ack-run-3");
  static final List<String> APPROVED_LAST =
      List.of("ack-last-1", "ack-last-2", "ack-last-3", "ack-last-4", "ack-last-5");
  static final Set<String> BEFORE_RUNNING =
      Set.of("PENDING_APPROVAL", "APPROVED", "READY_TO_START");

  @ParameterizedTest
  @EnumSource(TestStateStore.Kind.class)
  void everyAcknowledgedDecisionIsThereAfterTheServerWasKilled(TestStateStore.Kind kind)
      throws IOException {
    Path work = Files.createTempDirectory("continuity-ack-it");
    String schema = null;
    if (kind == TestStateStore.Kind.POSTGRES) {
      PostgresTestServer.assumeReachable();
      schema = PostgresTestServer.createFreshSchema();
    }
    try {
      Path inventory = inventory(work);
      Map<String, String> ids = new LinkedHashMap<>();
      List<JsonNode> seen = new ArrayList<>();
      try (ServerProcess first = start(kind, schema, work, inventory, "ack-first")) {
        ExecutionDriver api = new ExecutionDriver(first.port(), PASSWORD, PATIENCE);
        ids.put("ack-pending", api.request("SWITCHOVER", "ack-pending", "west", null));
        ids.put("ack-approved", api.request("SWITCHOVER", "ack-approved", "west", null));
        api.approve(ids.get("ack-approved"), "bob");
        for (String resource : RUNNING) {
          ids.put(resource, api.request("SWITCHOVER", resource, "west", null));
          api.approve(ids.get(resource), "bob");
        }
        for (String resource : APPROVED_LAST) {
          ids.put(resource, api.request("SWITCHOVER", resource, "west", null));
        }
        // The first run is watched until its steps show in the trail; then the others are
        // confirmed and a burst of approvals follows: the server is killed right after the last.
        api.confirmWhenReady(ids.get("ack-run-1"));
        await()
            .atMost(PATIENCE)
            .until(() -> api.types(ids.get("ack-run-1")).contains("STEP_STARTED"));
        JsonNode plan2 = api.awaitPlanReady(ids.get("ack-run-2"));
        JsonNode plan3 = api.awaitPlanReady(ids.get("ack-run-3"));
        for (String id : ids.values()) {
          seen.addAll(api.trail(id));
        }
        Response confirmed2 = api.confirm(ids.get("ack-run-2"), token(plan2));
        Response confirmed3 = api.confirm(ids.get("ack-run-3"), token(plan3));
        for (String resource : APPROVED_LAST) {
          api.approve(ids.get(resource), "bob");
        }
        first.kill();
        assertThat(confirmed2.status()).as(confirmed2.body()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(confirmed3.status()).as(confirmed3.body()).isEqualTo(HttpStatus.ACCEPTED);
      }

      try (ServerProcess second = start(kind, schema, work, inventory, "ack-second")) {
        ExecutionDriver api = new ExecutionDriver(second.port(), PASSWORD, PATIENCE);
        assertThat(api.execution(ids.get("ack-pending")).path("state").asString())
            .isEqualTo("PENDING_APPROVAL");
        for (String resource : concat("ack-approved", APPROVED_LAST)) {
          assertThat(api.execution(ids.get(resource)).path("state").asString())
              .as("approval of %s was acknowledged before the kill", resource)
              .isEqualTo("APPROVED");
        }
        for (String resource : RUNNING) {
          String id = ids.get(resource);
          assertThat(api.execution(id).path("state").asString())
              .as("%s of %s was confirmed (202) before the kill", id, resource)
              .isNotIn(BEFORE_RUNNING);
          assertThat(api.types(id))
              .as("audit trail of " + id)
              .contains("APPROVAL_GRANTED", "EXECUTION_STARTED");
        }
        List<JsonNode> after = new ArrayList<>();
        for (String id : ids.values()) {
          after.addAll(api.trail(id));
        }
        Map<Long, String> hashes = new LinkedHashMap<>();
        after.forEach(e -> hashes.put(e.path("seq").asLong(), e.path("hash").asString()));
        for (JsonNode event : seen) {
          assertThat(hashes.get(event.path("seq").asLong()))
              .as("audit event %s read before the kill", event)
              .isEqualTo(event.path("hash").asString());
        }
        JsonNode verified = api.verifyAudit();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
      }
    } finally {
      if (schema != null) {
        PostgresTestServer.dropSchema(schema);
      }
    }
  }

  static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  static String token(JsonNode plan) {
    return plan.path("confirmationToken").asString();
  }

  static ServerProcess start(
      TestStateStore.Kind kind, String schema, Path work, Path inventory, String name) {
    Map<String, String> properties =
        kind == TestStateStore.Kind.POSTGRES
            ? InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, name)
            : InstanceProperties.demoOnH2(work.resolve("data"), PASSWORD, inventory, name);
    properties.put("continuity.execution.max-evidence-age", "10s");
    properties.put("continuity.execution.lease-duration", "2s");
    properties.put("continuity.execution.token-secret", "ack-it-secret");
    return ServerProcess.start(name, work, properties);
  }

  /** Simulated tier-2 resources; every one hangs in its catch-up wait once it runs. */
  static Path inventory(Path work) throws IOException {
    List<String> all = new ArrayList<>(List.of("ack-pending", "ack-approved"));
    all.addAll(RUNNING);
    all.addAll(APPROVED_LAST);
    Map<String, String> hangs = new LinkedHashMap<>();
    all.forEach(id -> hangs.put(id, "wait-for-catch-up"));
    return SimulatedInventory.write(work.resolve("inventory.yaml"), all, hangs);
  }
}
