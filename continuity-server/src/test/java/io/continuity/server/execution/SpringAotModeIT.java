package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.SimulatedInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The demo as the launcher starts it in Spring AOT mode ({@code -Dspring.aot.enabled=true}, the
 * bean definitions that the build's {@code process-aot} worked out for the demo profile; decision
 * 030) is the same product: a real server process serves the console and the API, runs a switchover
 * from request to SUCCEEDED with its evidence and an intact audit chain, and still refuses to start
 * on an invalid inventory. The build must have run {@code process-aot}: without its output the
 * server cannot start in this mode and the test fails.
 */
class SpringAotModeIT {

  static final String PASSWORD = "aot-it-password";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final List<String> AOT_MODE = List.of("-Dspring.aot.enabled=true");

  @Test
  void theDemoInAotModeRunsASwitchoverToTheEnd() throws IOException {
    Path work = Files.createTempDirectory("continuity-aot-it");
    Path inventory =
        SimulatedInventory.write(work.resolve("inventory.yaml"), List.of("aot-orders"), Map.of());
    Map<String, String> properties =
        InstanceProperties.demoOnH2(work.resolve("data"), PASSWORD, inventory, "aot-it");
    try (ServerProcess server = ServerProcess.start("aot-it", work, properties, AOT_MODE)) {
      assertThat(server.log()).contains("Starting AOT-processed ContinuityApplication");

      Response login = HttpTestClient.onPort(server.port()).get("/login");
      assertThat(login.status()).isEqualTo(HttpStatus.OK);
      assertThat(login.body()).contains("<form");

      ExecutionDriver api = new ExecutionDriver(server.port(), PASSWORD, PATIENCE);
      String id = api.request("SWITCHOVER", "aot-orders", "west", null);
      api.approve(id, "bob");
      api.confirmWhenReady(id);
      JsonNode done = api.awaitState(id, "SUCCEEDED");

      assertThat(done.path("state").asString()).isEqualTo("SUCCEEDED");
      assertThat(api.currentPrimary("aot-orders")).isEqualTo("west");
      JsonNode evidence = api.evidence(id);
      assertThat(evidence.path("conclusion").asString())
          .as(evidence.toString())
          .startsWith("Caught up to marker SIM_LSN ");
      assertThat(api.types(id)).contains("STEP_STARTED", "STEP_COMPLETED");
      assertThat(api.verifyAudit().path("valid").asBoolean()).as("audit chain").isTrue();
    }
  }

  @Test
  void anInvalidInventoryStillStopsTheStartInAotMode() throws IOException {
    Path work = Files.createTempDirectory("continuity-aot-it");
    Path inventory = work.resolve("broken-inventory.yaml");
    Files.writeString(
        inventory,
        SimulatedInventory.yaml(List.of("aot-broken"), Map.of()).replace("tier: 2", "tier: 7"));
    Map<String, String> properties =
        InstanceProperties.demoOnH2(work.resolve("data"), PASSWORD, inventory, "aot-broken");

    ServerProcess.Ended ended =
        ServerProcess.runUntilExit(
            "aot-broken", work, properties, AOT_MODE, Duration.ofSeconds(120));

    assertThat(ended.exitCode()).as(ended.log()).isNotZero();
    assertThat(ended.log())
        .contains("Starting AOT-processed ContinuityApplication")
        .contains("the inventory has")
        .contains("broken-inventory.yaml");
  }
}
