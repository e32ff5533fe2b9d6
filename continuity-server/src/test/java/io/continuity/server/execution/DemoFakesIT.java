package io.continuity.server.execution;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.continuity.lab.DemoFakes;
import io.continuity.lab.FakesInventory;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.TestStateStore;
import io.continuity.server.web.ui.ConsoleBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo's three platform fakes from the lab ({@link DemoFakes}: a MongoDB replica set, a SQL
 * Server availability group behind TDS responders, two Snowflake accounts behind the SQL API fake),
 * loaded as {@code ./continuity demo} loads them (the same {@link FakesInventory} fragment), with
 * the production connectors found by ServiceLoader: each resource turns GREEN in {@code
 * /api/v1/status}; a tier-1 switchover of each (request, two approvals, plan, confirm) SUCCEEDS
 * with its platform's evidence; and in Chromium the dashboard shows the three GREEN and an
 * execution's evidence report shows its conclusion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoFakesIT {

  static final String PASSWORD = "demo-fakes-it-password";
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final List<String> RESOURCES =
      List.of(FakesInventory.MONGO_ID, FakesInventory.SQLSERVER_ID, FakesInventory.SNOWFLAKE_ID);

  static DemoFakes fakes;
  static Path inventory;
  static final Map<String, String> executions = new LinkedHashMap<>();

  @LocalServerPort int port;

  @BeforeAll
  static void startFakes() throws IOException {
    Path dir = Files.createTempDirectory("continuity-demo-fakes-it");
    fakes = DemoFakes.start(dir);
    inventory = FakesInventory.write(fakes, dir.resolve("fakes-inventory.yaml"));
  }

  @AfterAll
  static void stopFakes() {
    if (fakes != null) {
      fakes.close();
      fakes = null;
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-demo-fakes-store"));
    registry.add("continuity.inventory", () -> inventory.toString());
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier1", () -> "500ms");
    registry.add("continuity.monitoring.timeout", () -> "5s");
    registry.add("continuity.execution.max-evidence-age", () -> "10s");
    registry.add("continuity.execution.cooldown", () -> "1ms");
    registry.add("continuity.execution.token-secret", () -> "demo-fakes-it-secret");
  }

  @Test
  @Order(1)
  void eachFakeIsGreenAndSwitchesOverWithItsPlatformsEvidence() {
    awaitAllGreen();
    ExecutionDriver api = new ExecutionDriver(port, PASSWORD, PATIENCE);

    String mongo = switchOver(api, FakesInventory.MONGO_ID, "CHG-7001");
    JsonNode mongoEvidence = api.evidence(mongo);
    assertThat(mongoEvidence.path("conclusion").asString())
        .as(mongoEvidence.toString())
        .startsWith("Caught up to marker OPTIME ");
    assertThat(fakes.mongo().primary().orElseThrow().site()).isEqualTo("west");

    String sql = switchOver(api, FakesInventory.SQLSERVER_ID, "CHG-7002");
    JsonNode sqlEvidence = api.evidence(sql);
    assertThat(sqlEvidence.path("conclusion").asString())
        .as(sqlEvidence.toString())
        .startsWith("Caught up to marker AG_LOG_BLOCK_LSN ");
    assertThat(sqlEvidence.toString()).contains("per database: ").contains("Payments", "Ledger");
    assertThat(fakes.availabilityGroup().primary().site).isEqualTo("west");

    String snowflake = switchOver(api, FakesInventory.SNOWFLAKE_ID, "CHG-7003");
    JsonNode snowflakeEvidence = api.evidence(snowflake);
    assertThat(snowflakeEvidence.path("conclusion").asString())
        .as(snowflakeEvidence.toString())
        .startsWith("Caught up to marker SNAPSHOT_TIME ");
    assertThat(snowflakeEvidence.toString()).contains("snapshot");
    assertThat(fakes.snowflake().primaryAccount).isEqualTo("WEST");
  }

  @Test
  @Order(2)
  void theConsoleShowsTheThreeGreenAndAnExecutionsEvidence() {
    ConsoleBrowser.assumeChromium();
    awaitAllGreen();
    try (ConsoleBrowser browser = ConsoleBrowser.start("http://localhost:" + port)) {
      Page dave = browser.loggedIn("dave", PASSWORD);
      dave.navigate("/");
      for (String id : RESOURCES) {
        assertThat(dave.locator("[data-testid=tile-" + id + "]"))
            .hasAttribute(
                "data-status",
                "GREEN",
                new LocatorAssertions.HasAttributeOptions().setTimeout(PATIENCE.toMillis()));
      }
      ConsoleBrowser.screenshot(dave, "demo-fakes-dashboard");

      String id = executions.get(FakesInventory.MONGO_ID);
      assertThat(id).as("the switchover test ran first").isNotNull();
      dave.navigate("/executions/" + id);
      assertThat(dave.locator("[data-testid=state]")).hasText("SUCCEEDED");
      dave.locator("[data-testid=evidence-link]").click();
      assertThat(dave.locator("[data-testid=conclusion]").first())
          .containsText("Caught up to marker OPTIME");
      ConsoleBrowser.screenshot(dave, "demo-fakes-mongo-evidence");
    }
  }

  private String switchOver(ExecutionDriver api, String resource, String ticket) {
    String id = api.request("SWITCHOVER", resource, "west", ticket);
    api.approve(id, "bob", "carol");
    api.confirmWhenReady(id);
    JsonNode done = api.awaitState(id, "SUCCEEDED");
    assertThat(done.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(api.currentPrimary(resource)).isEqualTo("west");
    executions.put(resource, id);
    return id;
  }

  private void awaitAllGreen() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(this::statuses, s -> RESOURCES.stream().allMatch(r -> "GREEN/OK".equals(s.get(r))));
  }

  /** Each resource's {@code status/visibility} in {@code GET /api/v1/status}. */
  private Map<String, String> statuses() {
    HttpTestClient.Response response =
        HttpTestClient.onPort(port).as("dave", PASSWORD).get("/api/v1/status");
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    return response
        .json()
        .path("resources")
        .valueStream()
        .collect(
            Collectors.toMap(
                r -> r.path("id").asString(),
                r -> r.path("status").asString() + "/" + r.path("visibility").asString()));
  }
}
