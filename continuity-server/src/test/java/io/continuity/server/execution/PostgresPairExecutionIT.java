package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
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
 * The server end to end over HTTP on a real PostgreSQL primary/standby pair from the lab, with the
 * real PostgreSQL connector and its host actions: a tier-1 switchover (two approvals, plan,
 * confirm) swaps the roles and concludes "caught up" on a WAL LSN, the promote step reading the
 * final LSN the quiesce step found; a failback returns the roles; and a switch done by hand behind
 * the server's back between approval and confirmation makes the confirm refuse, naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresPairExecutionIT {

  static final String PASSWORD = "pair-it-password";
  static final String RESOURCE = "lab-pg";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static PostgresPair pair;
  static Path dir;

  @LocalServerPort int port;
  @Autowired StepLog stepLog;

  @BeforeAll
  static void startPair() throws IOException {
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    dir = Files.createTempDirectory("continuity-pair-it");
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path store = Files.createTempDirectory("continuity-pair-it-store");
    TestStateStore.registerH2(registry, store);
    registry.add("continuity.inventory", () -> inventory().toString());
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier1", () -> "500ms");
    registry.add("continuity.monitoring.timeout", () -> "3s");
    registry.add("continuity.execution.max-evidence-age", () -> "10s");
    registry.add("continuity.execution.cooldown", () -> "1ms");
    registry.add("continuity.execution.token-secret", () -> "pair-it-secret");
  }

  @Test
  @Order(1)
  void aSwitchoverSwapsTheRolesOfARealPairAndAFailbackReturnsThem() {
    ExecutionDriver api = api();

    String switchover = api.request("SWITCHOVER", RESOURCE, "west", "CHG-4711");
    api.approve(switchover, "bob", "carol");
    api.confirmWhenReady(switchover);
    api.awaitState(switchover, "SUCCEEDED");

    assertThat(api.currentPrimary(RESOURCE)).isEqualTo("west");
    assertThat(pair.primary().name()).isEqualTo("west");
    assertThat(pair.node("east").isInRecovery()).isTrue();
    JsonNode evidence = api.evidence(switchover);
    assertThat(evidence.path("conclusion").asString()).startsWith("Caught up to marker WAL_LSN ");
    Map<String, Map<String, String>> facts = factsByStep(switchover);
    long finalLsn = lsn(facts.get("quiesce-primary").get("finalLsn"));
    long promotedAt = lsn(facts.get("promote-target").get("promotedAtLsn"));
    assertThat(promotedAt)
        .as("promote-target read the final LSN quiesce-primary found, and promoted past it")
        .isGreaterThanOrEqualTo(finalLsn);

    String failback = api.request("FAILBACK", RESOURCE, "east", "CHG-4712");
    api.approve(failback, "bob", "carol");
    api.confirmWhenReady(failback);
    api.awaitState(failback, "SUCCEEDED");

    assertThat(api.currentPrimary(RESOURCE)).isEqualTo("east");
    assertThat(pair.primary().name()).isEqualTo("east");
    assertThat(pair.node("west").isInRecovery()).isTrue();
    assertThat(api.evidence(failback).path("conclusion").asString())
        .startsWith("Caught up to marker WAL_LSN ");
    assertThat(factsByStep(failback)).containsKeys("precheck-failback", "resync-target");
  }

  @Test
  @Order(2)
  void aSwitchByHandBetweenApprovalAndConfirmationIsRefusedNamingIt() {
    ExecutionDriver api = api();
    assertThat(pair.primary().name()).isEqualTo("east");
    String id = api.request("SWITCHOVER", RESOURCE, "west", "CHG-4713");
    api.approve(id, "bob", "carol");
    String token = api.awaitPlanReady(id).path("confirmationToken").asString();

    // Behind Continuity's back: a clean switch to west done by hand.
    PostgresNode east = pair.node("east");
    pair.stop(east, StopMode.FAST);
    pair.promote(pair.node("west"));
    pair.rejoin(east);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> ExecutionDriver.failedChecks(api.plan(id).path("prechecks")),
            failed -> failed.contains(RESOURCE + "/topology"));

    Response refused = api.confirm(id, token);

    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    List<String> failed = new java.util.ArrayList<>();
    refused.json().path("failedChecks").forEach(c -> failed.add(c.asString()));
    assertThat(failed).containsExactly(RESOURCE + "/topology");
    assertThat(refused.body())
        .contains("monitoring observes west as primary of lab-pg")
        .contains("the inventory records east");
    assertThat(api.execution(id).path("state").asString()).isEqualTo("READY_TO_START");
    assertThat(stepLog.list(id)).isEmpty();
    assertThat(api.types(id)).contains("CONFIRMATION_REFUSED").doesNotContain("EXECUTION_STARTED");
    assertThat(pair.primary().name()).isEqualTo("west");
  }

  ExecutionDriver api() {
    return new ExecutionDriver(port, PASSWORD, PATIENCE);
  }

  Map<String, Map<String, String>> factsByStep(String id) {
    List<StepRecord> records = stepLog.list(id);
    assertThat(records).allMatch(r -> r.outcome() == StepLogOutcome.SUCCEEDED);
    return records.stream()
        .collect(Collectors.toMap(StepRecord::stepId, StepRecord::facts, (a, b) -> b));
  }

  /** A PostgreSQL LSN ({@code 0/3000148}) as a number. */
  static long lsn(String text) {
    assertThat(text).as("an LSN").matches("[0-9A-F]+/[0-9A-F]+");
    String[] parts = text.split("/");
    return (Long.parseLong(parts[0], 16) << 32) + Long.parseLong(parts[1], 16);
  }

  /** A tier-1 resource on the pair: sites named after the nodes, every host action configured. */
  static Path inventory() {
    return inventory(pair, dir, 1);
  }

  /** A resource {@code lab-pg} of {@code tier} on {@code pair}, written into {@code dir}. */
  static Path inventory(PostgresPair pair, Path dir, int tier) {
    StringBuilder sites = new StringBuilder();
    for (PostgresNode node : pair.nodes()) {
      sites.append("        ").append(node.name()).append(":\n");
      sites.append("          host: \"").append(node.host()).append("\"\n");
      sites.append("          port: \"").append(node.port()).append("\"\n");
      pair.hostActionSettings(node)
          .forEach(
              (key, command) ->
                  sites
                      .append("          ")
                      .append(key)
                      .append(": \"")
                      .append(command.replace("\\", "\\\\").replace("\"", "\\\""))
                      .append("\"\n"));
    }
    String yaml =
        """
        resources:
          - id: lab-pg
            name: Lab pair
            platform: postgresql
            tier: %d
            environment: lab
            owner: dba@example.com
            sites: { primary: east, dr: west }
            rpo: { target: 30s }
            connector:
              settings: { user: postgres, connectTimeout: 2s, statementTimeout: 5s }
              sites:
        """
                .formatted(tier)
            + sites;
    try {
      return Files.writeString(dir.resolve("inventory.yaml"), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
