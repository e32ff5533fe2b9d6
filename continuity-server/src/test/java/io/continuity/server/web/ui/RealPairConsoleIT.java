package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.continuity.lab.LabInventory;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.junit.LabAssumptions;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The story in the machine's Chromium against the demo's real PostgreSQL pair from the lab
 * (tier-1 resource {@code demo-postgres}, written by {@link LabInventory} as the demo does): alice
 * requests a switchover, bob and carol approve, alice confirms, it reaches SUCCEEDED, the evidence
 * report concludes on a WAL LSN marker and the resource page shows west as primary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class RealPairConsoleIT {

  static final String PASSWORD = "real-pair-console-password";
  static final String RESOURCE = "demo-postgres";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static PostgresPair pair;
  static Path inventory;
  static ConsoleBrowser browser;

  @LocalServerPort int port;

  @BeforeAll
  static void startPair() throws IOException {
    ConsoleBrowser.assumeChromium();
    pair = PostgresPair.start(LabAssumptions.postgresBinaries());
    LabInventory.createHeartbeatTable(pair);
    inventory =
        new LabInventory(RESOURCE, 1, LabInventory.HEARTBEAT_TABLE)
            .write(
                pair,
                Files.createTempDirectory("continuity-real-pair-console")
                    .resolve("inventory.yaml"));
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (pair != null) {
      pair.close();
      pair = null;
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(
        registry, Files.createTempDirectory("continuity-real-pair-console-store"));
    registry.add("continuity.inventory", () -> inventory.toString());
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.monitoring.interval.tier1", () -> "500ms");
    registry.add("continuity.monitoring.timeout", () -> "3s");
    registry.add("continuity.execution.max-evidence-age", () -> "10s");
    registry.add("continuity.execution.cooldown", () -> "1ms");
    registry.add("continuity.execution.token-secret", () -> "real-pair-console-secret");
  }

  @Test
  void aliceSwitchesTheDemoPairOverWithBobAndCarolApprovingAndOpensTheEvidence() {
    browser = ConsoleBrowser.start("http://localhost:" + port);
    String from = pair.primary().name();
    String to = pair.peerOf(pair.primary()).name();

    Page alice = browser.loggedIn("alice", PASSWORD);
    ConsoleFlows.fillRequest(alice, RESOURCE, "SWITCHOVER", "Switchover of the demo's real pair");
    String id = ConsoleFlows.submitRequest(alice, "CHG-5150");

    ConsoleFlows.approve(browser, PASSWORD, id, List.of("bob", "carol"));

    alice = browser.loggedIn("alice", PASSWORD);
    ConsoleFlows.openConfirmation(alice, id, PATIENCE);
    assertThat(alice.locator("[data-testid=state]")).hasText("READY_TO_START");
    ConsoleFlows.confirmTyped(alice, id, RESOURCE);
    ConsoleFlows.awaitState(alice, "SUCCEEDED", PATIENCE);
    ConsoleBrowser.screenshot(alice, "real-pair-succeeded");

    ConsoleFlows.openEvidence(alice);
    assertThat(alice.locator("[data-testid=report-state]")).hasText("SUCCEEDED");
    assertThat(alice.locator("[data-testid=conclusion]").first())
        .containsText("Caught up to marker WAL_LSN");

    alice.navigate("/resources/" + RESOURCE);
    assertThat(alice.locator("[data-testid=resource-status]")).containsText(to + " (primary now)");
    assertThat(alice.locator("[data-testid=resource-status]"))
        .not()
        .containsText(from + " (primary now)");
    assertThat(pair.primary().name()).isEqualTo(to);
  }
}
