package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one PostgreSQL store (same schema and token secret, different instance
 * ids), both with their recovery passes running: an execution confirmed through one has exactly one
 * runner; and a runner frozen (SIGSTOP) long enough for the other instance to take its lease over
 * cannot record another step when it thaws.
 */
class ExecutionInstancesIT {

  static final String PASSWORD = "instances-it-password";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static Path work;
  static String schema;
  static StoredSteps steps;
  static ServerProcess a;
  static ServerProcess b;

  @BeforeAll
  static void startTwoInstances() throws IOException {
    PostgresTestServer.assumeReachable();
    work = Files.createTempDirectory("continuity-instances-it");
    schema = PostgresTestServer.createFreshSchema();
    steps =
        new StoredSteps(
            JdbcClient.create(
                new DriverManagerDataSource(
                    PostgresTestServer.urlFor(schema),
                    PostgresTestServer.USER,
                    PostgresTestServer.PASSWORD)));
    Path inventory = inventory();
    CompletableFuture<ServerProcess> first =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("inst-a", work, properties("inst-a", inventory)));
    CompletableFuture<ServerProcess> second =
        CompletableFuture.supplyAsync(
            () -> ServerProcess.start("inst-b", work, properties("inst-b", inventory)));
    a = first.join();
    b = second.join();
  }

  @AfterAll
  static void stopInstances() {
    for (ServerProcess server : new ServerProcess[] {a, b}) {
      if (server != null) {
        server.close();
      }
    }
    if (schema != null) {
      PostgresTestServer.dropSchema(schema);
    }
  }

  @Test
  void anExecutionConfirmedThroughOneInstanceHasExactlyOneRunner() {
    ExecutionDriver viaA = new ExecutionDriver(a.port(), PASSWORD, PATIENCE);
    ExecutionDriver viaB = new ExecutionDriver(b.port(), PASSWORD, PATIENCE);
    String id = viaA.request("SWITCHOVER", "two-ok", "west", null);
    viaB.approve(id, "bob");
    // The token B presents is accepted by A: the instances share the token secret.
    JsonNode plan = viaB.awaitPlanReady(id);
    assertThat(viaA.confirm(id, plan.path("confirmationToken").asString()).status().value())
        .isEqualTo(202);

    viaB.awaitState(id, "SUCCEEDED");

    List<StoredSteps.Row> rows = steps.of(id);
    assertThat(StoredSteps.stepIds(rows))
        .containsExactly(
            "precheck-replication",
            "quiesce-primary",
            "wait-for-catch-up",
            "promote-target",
            "verify-writes",
            "rejoin-old-primary",
            "postcheck-roles");
    assertThat(rows.stream().map(StoredSteps.Row::leaseToken).distinct())
        .as("every step written under one fencing token")
        .hasSize(1);
    assertThat(rows).allMatch(r -> r.attempt() == 1);
    StoredSteps.Lease lease = steps.lease(id);
    assertThat(lease.owner()).isEqualTo("inst-a");
    assertThat(lease.token()).isEqualTo(rows.get(0).leaseToken());
    assertThat(viaB.types(id)).doesNotContain("EXECUTION_RESUMED", "STEP_FAILED");
    assertThat(b.log())
        .as("instance B never judged the run")
        .doesNotContain("Resuming execution " + id)
        .doesNotContain("Execution " + id + " interrupted");
    // Both instances read the current primary from the shared store: B sees A's role change at
    // once, so its plans and confirmation tokens never rest on a stale primary.
    assertThat(viaA.currentPrimary("two-ok")).isEqualTo("west");
    assertThat(viaB.currentPrimary("two-ok")).isEqualTo("west");
  }

  @Test
  void aFrozenRunnerThatLostItsLeaseCannotRecordAnotherStep() {
    ExecutionDriver viaA = new ExecutionDriver(a.port(), PASSWORD, PATIENCE);
    ExecutionDriver viaB = new ExecutionDriver(b.port(), PASSWORD, PATIENCE);
    String id = viaA.request("SWITCHOVER", "two-zombie", "west", null);
    viaA.approve(id, "bob");
    viaA.confirmWhenReady(id);
    await().atMost(PATIENCE).until(() -> steps.inFlight(id, "precheck-replication"));
    long runnerToken = steps.lease(id).token();

    List<StoredSteps.Row> afterTakeOver;
    a.suspend();
    try {
      // B's recovery finds the lease lapsed, takes it over and stops the run.
      JsonNode failed = viaB.awaitState(id, "FAILED");
      assertThat(failed.toString()).contains("INTERRUPTED").contains("precheck-replication");
      StoredSteps.Lease taken = steps.lease(id);
      assertThat(taken.owner()).isEqualTo("inst-b");
      assertThat(taken.token()).isGreaterThan(runnerToken);
      afterTakeOver = steps.of(id);
      assertThat(afterTakeOver).hasSize(1);
      assertThat(afterTakeOver.get(0).outcome()).isEqualTo("INTERRUPTED");
    } finally {
      a.resume();
    }
    List<String> trailAfterTakeOver =
        viaB.trail(id).stream().map(e -> e.path("seq").asString()).toList();

    // A thaws, its hung step times out, and its write of that outcome is fenced off.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                a.log()
                    .contains(
                        "runner inst-a lost the lease of execution "
                            + id
                            + " (fencing token "
                            + runnerToken));
    assertThat(a.log()).contains("stopping without writing more");
    assertThat(steps.of(id)).isEqualTo(afterTakeOver);
    assertThat(viaB.trail(id).stream().map(e -> e.path("seq").asString()).toList())
        .isEqualTo(trailAfterTakeOver);
    assertThat(viaA.execution(id).path("state").asString()).isEqualTo("FAILED");
    JsonNode verified = viaA.verifyAudit();
    assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
  }

  static Map<String, String> properties(String instanceId, Path inventory) {
    Map<String, String> properties =
        InstanceProperties.demoOnPostgres(schema, PASSWORD, inventory, instanceId);
    properties.put("continuity.execution.max-evidence-age", "10s");
    properties.put("continuity.execution.lease-duration", "2s");
    properties.put("continuity.execution.token-secret", "instances-it-secret");
    return properties;
  }

  /** {@code two-ok} runs straight through; {@code two-zombie} hangs in its first step (30 s). */
  static Path inventory() throws IOException {
    String yaml =
        """
        resources:
          - id: two-ok
            name: two-ok
            platform: simulated
            tier: 2
            environment: test
            owner: test@example.com
            sites: { primary: east, dr: west }
            rpo: { target: 2m, warn: 30s }
            connector:
              settings: { scenario: steady, jitter: "0" }
          - id: two-zombie
            name: two-zombie
            platform: simulated
            tier: 2
            environment: test
            owner: test@example.com
            sites: { primary: east, dr: west }
            rpo: { target: 2m, warn: 30s }
            connector:
              settings: { scenario: steady, jitter: "0", hangStep: precheck-replication }
        """;
    return Files.writeString(work.resolve("inventory.yaml"), yaml);
  }
}
