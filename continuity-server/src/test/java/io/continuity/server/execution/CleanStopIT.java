package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.continuity.server.support.InstanceProperties;
import io.continuity.server.support.ServerProcess;
import io.continuity.server.support.SimulatedInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A clean stop ({@code systemctl stop}: SIGTERM) of a server on the embedded H2 store while a drill
 * is in flight. The store stays open until the server's own shut-down is done (H2 must not close it
 * from its own shut-down hook under the server's feet), so the server gives up the prober lease on
 * its way out; the step the stop interrupted is not recorded as failed (the stop caused that), and
 * the next start on the same store resumes the drill from that step and finishes it, with the audit
 * chain intact.
 */
class CleanStopIT {

  static final String PASSWORD = "clean-stop-password";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void aCleanStopMidDrillKeepsTheStoreOpenToTheEndAndTheNextStartFinishesTheDrill()
      throws IOException, SQLException {
    Path work = Files.createTempDirectory("continuity-clean-stop-it");
    Path data = work.resolve("data");
    String id;
    Instant stopped;
    try (ServerProcess first = start(work, "clean-stop-first", data, true)) {
      ExecutionDriver api = new ExecutionDriver(first.port(), PASSWORD, PATIENCE);
      await().atMost(PATIENCE).until(() -> first.log().contains("now probes (prober lease"));
      id = api.request("DRILL", "stop-orders", "west", null);
      api.approve(id, "bob");
      api.confirmWhenReady(id);
      String drill = id;
      await()
          .atMost(PATIENCE)
          .until(
              () -> api.execution(drill).path("currentStep").asString(),
              "discard-drill-clone"::equals);

      stopped = Instant.now();
      first.stop(PATIENCE);

      assertThat(first.log())
          .as("the store was closed before the server had finished with it")
          .doesNotContain("Database is already closed")
          .doesNotContain("the prober lease could not be released")
          .doesNotContain("broke off")
          .contains("stopped by shut-down");
    }
    assertThat(proberLeaseExpiry(data))
        .as("the prober lease was given up at the stop, not left to lapse")
        .isBefore(stopped.plusSeconds(5));

    try (ServerProcess second = start(work, "clean-stop-second", data, false)) {
      ExecutionDriver api = new ExecutionDriver(second.port(), PASSWORD, PATIENCE);
      JsonNode done = api.awaitState(id, "SUCCEEDED");
      assertThat(done.path("state").asString()).isEqualTo("SUCCEEDED");
      assertThat(api.types(id))
          .containsSubsequence("EXECUTION_STARTED", "EXECUTION_RESUMED", "EXECUTION_SUCCEEDED");
      JsonNode verified = api.verifyAudit();
      assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    }
  }

  static ServerProcess start(Path work, String name, Path data, boolean hanging)
      throws IOException {
    Path inventory =
        SimulatedInventory.write(
            work.resolve(name + "-inventory.yaml"),
            List.of("stop-orders"),
            hanging ? Map.of("stop-orders", "discard-drill-clone") : Map.of());
    Map<String, String> properties = InstanceProperties.demoOnH2(data, PASSWORD, inventory, name);
    properties.put("continuity.execution.lease-duration", "2s");
    properties.put("continuity.execution.token-secret", "clean-stop-secret");
    return ServerProcess.start(name, work, properties);
  }

  /** Reads the prober lease straight from the H2 file once no server has it open. */
  static Instant proberLeaseExpiry(Path data) throws SQLException {
    String url =
        "jdbc:h2:file:"
            + data.toAbsolutePath().resolve("continuity")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection store = DriverManager.getConnection(url, "sa", "");
        Statement query = store.createStatement();
        ResultSet lease = query.executeQuery("select expires_at from monitoring_lease")) {
      assertThat(lease.next()).as("a prober lease row").isTrue();
      return lease.getObject(1, java.time.OffsetDateTime.class).toInstant();
    }
  }
}
