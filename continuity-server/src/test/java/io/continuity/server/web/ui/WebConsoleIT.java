package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console in the machine's Chromium against the demo profile on H2, simulated resources
 * probed every 200 ms: the tier-1 request-approve-confirm flow to the evidence report, separation
 * of duties on the request page, and the dashboard's LAST KNOWN tile when visibility is lost.
 * Screenshots land in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class WebConsoleIT {

  static final String PASSWORD = "it-console-password";
  static final Duration PATIENCE = Duration.ofSeconds(40);

  @LocalServerPort int port;

  static ConsoleBrowser browser;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException {
    try {
      TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-console-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path inventory = Path.of(WebConsoleIT.class.getResource("/console/inventory.yaml").toURI());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.token-secret", () -> "console-it-secret");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
  }

  @BeforeAll
  static void assumeChromium() {
    ConsoleBrowser.assumeChromium();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    for (String id :
        List.of("console-orders", "console-billing", "console-search", "console-lagging")) {
      SimulatedPlatform.forget(id);
    }
  }

  private ConsoleBrowser browser() {
    if (browser == null) {
      browser = ConsoleBrowser.start("http://localhost:" + port);
    }
    return browser;
  }

  @Test
  void loginPageListsDemoUsersAndRolesButNeverThePassword() {
    Page page = browser().anonymous();
    page.navigate("/");
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    assertThat(page.locator(".demo-users")).containsText("alice");
    assertThat(page.locator(".demo-users")).containsText("APPROVER");
    assertThat(page.content()).doesNotContain(PASSWORD);

    page.getByLabel("User name").fill("alice");
    page.getByLabel("Password").fill("wrong-password");
    page.locator("form button[type=submit]").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
        .containsText("was not accepted");
  }

  @Test
  void tier1SwitchoverIsRequestedApprovedByTwoConfirmedByTypingAndEndsWithEvidence() {
    Page alice = browser().loggedIn("alice", PASSWORD);
    ConsoleFlows.fillRequest(alice, "console-orders", "SWITCHOVER", "Quarterly DR switchover");
    assertThat(alice.locator("#targetSite-options option[value=west]")).hasCount(1);
    assertThat(alice.locator("#targetSite-options option[value=dr]")).hasCount(1);
    assertThat(alice.locator("[data-testid=policy-for-request]")).containsText("2 approvals");
    assertThat(alice.locator("[data-testid=policy-for-request]")).containsText("a change ticket");
    alice.getByText("Submit the request").click();
    assertThat(alice.locator("#changeTicket-error")).containsText("change ticket");

    String id = ConsoleFlows.submitRequest(alice, "CHG-4711");
    assertThat(alice.locator("[data-testid=decision-note]"))
        .hasText("You requested this; someone else must approve.");
    assertThat(alice.getByText("Approve", new Page.GetByTextOptions().setExact(true))).hasCount(0);

    // A forced approval by the requester is refused with the service's reason.
    String csrf = alice.locator("input[name=_csrf]").first().getAttribute("value");
    APIResponse forced =
        alice
            .request()
            .post(
                "/executions/" + id + "/approve",
                RequestOptions.create()
                    .setForm(FormData.create().set("_csrf", csrf).set("comment", "me")));
    assertThat(forced.status()).isEqualTo(403);
    assertThat(forced.text()).contains("cannot approve: alice needs one of the roles [APPROVER]");

    ConsoleFlows.approve(browser(), PASSWORD, id, List.of("bob", "carol"));

    alice.navigate("/executions/" + id);
    assertThat(alice.locator("[data-testid=approvals-count]")).hasText("2 of 2 received");
    ConsoleFlows.openConfirmation(alice, id, PATIENCE);
    assertThat(alice.locator("[data-testid=state]")).hasText("READY_TO_START");
    assertThat(alice.locator("[data-testid=data-loss]").first())
        .containsText("no data loss expected");
    alice.getByLabel("Tier 1: type").fill("console-order");
    alice.getByText("Confirm and start").click();
    assertThat(alice.locator("#typed-error")).containsText("Type console-orders exactly");

    alice.getByLabel("Tier 1: type").fill("console-orders");
    ConsoleBrowser.screenshot(alice, "confirmation");
    ConsoleFlows.confirmTyped(alice, id, "console-orders");
    ConsoleFlows.awaitState(alice, "SUCCEEDED", PATIENCE);
    ConsoleBrowser.screenshot(alice, "execution-succeeded");

    ConsoleFlows.openEvidence(alice);
    assertThat(alice.locator("[data-testid=report-state]")).hasText("SUCCEEDED");
    assertThat(alice.locator("[data-testid=conclusion]").first())
        .containsText("Caught up to marker");
    ConsoleBrowser.screenshot(alice, "evidence");
    assertThat(SimulatedPlatform.primarySite("console-orders")).contains("west");
  }

  @Test
  void dashboardTurnsAGreenTileIntoLastKnownWhenTheResourceBecomesUnreachable() {
    Page dave = browser().loggedIn("dave", PASSWORD);
    dave.navigate("/");
    Locator billing = dave.locator("[data-testid=tile-console-billing]");
    assertThat(billing)
        .hasAttribute(
            "data-status",
            "GREEN",
            new LocatorAssertions.HasAttributeOptions().setTimeout(PATIENCE.toMillis()));
    assertThat(billing).containsText("GREEN");
    assertThat(billing).containsText("east (primary)");
    ConsoleBrowser.screenshot(dave, "dashboard");

    SimulatedPlatform.setScenario("console-billing", "unreachable");
    try {
      assertThat(billing)
          .hasAttribute(
              "data-status",
              "LOST",
              new LocatorAssertions.HasAttributeOptions().setTimeout(PATIENCE.toMillis()));
      assertThat(billing.locator(".last-known")).containsText("LAST KNOWN: GREEN ·");
      assertThat(billing).not().hasClass(Pattern.compile(".*status-green.*"));
      ConsoleBrowser.screenshot(dave, "dashboard-last-known");
    } finally {
      SimulatedPlatform.clearScenario("console-billing");
    }
  }

  @Test
  void aPersonIssuesAnApiTokenOnceUsesItFromAScriptAndRevokesIt() {
    Page alice = browser().loggedIn("alice", PASSWORD);
    alice.navigate("/tokens");
    alice.getByLabel("What is it for").fill("nightly export");
    alice.getByText("Issue the token").click();
    String secret = alice.locator("[data-testid=token-secret]").textContent().strip();
    assertThat(secret).startsWith("ct_");
    ConsoleBrowser.screenshot(alice, "tokens");

    com.microsoft.playwright.APIRequestContext script =
        alice.context().browser().newContext().request();
    RequestOptions bearer = RequestOptions.create().setHeader("Authorization", "Bearer " + secret);
    assertThat(script.get(baseUrl() + "/api/v1/executions", bearer).status()).isEqualTo(200);

    alice.navigate("/tokens");
    assertThat(alice.locator("[data-testid=token-secret]")).hasCount(0);
    assertThat(alice.locator("[data-testid='token-nightly export']")).containsText("active");
    alice.getByText("Revoke nightly export").click();
    assertThat(alice.locator("[data-testid='token-nightly export']")).containsText("revoked");
    assertThat(script.get(baseUrl() + "/api/v1/executions", bearer).status()).isEqualTo(401);
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  @Test
  void groupPageShowsItsStatusAndMembersWaveByWave() {
    Page dave = browser().loggedIn("dave", PASSWORD);
    dave.navigate("/");
    dave.locator("[data-testid=tile-console-stack] h2 a").click();
    assertThat(dave).hasURL(Pattern.compile(".*/groups/console-stack$"));
    assertThat(dave.locator("h1")).containsText("Console IT stack");
    assertThat(dave.locator("[data-testid=group-status]")).containsText("Reasons");
    assertThat(dave.locator("[data-testid=wave-1] [data-testid=tile-console-orders]")).hasCount(1);
    assertThat(dave.locator("[data-testid=wave-2] [data-testid=tile-console-search]")).hasCount(1);
    assertThat(dave.locator("[data-testid=wave-1] [data-testid=tile-console-search]")).hasCount(0);
    assertThat(dave.getByText("Request an execution of this group"))
        .hasAttribute("href", "/executions/new?groupId=console-stack");
    ConsoleBrowser.screenshot(dave, "group");
    assertThat(dave.navigate("/groups/no-such-group").status()).isEqualTo(404);
  }

  @Test
  void resourcePageShowsReasonsChartCapabilitiesAndSanitizedObservations() {
    Page dave = browser().loggedIn("dave", PASSWORD);
    dave.navigate("/resources/console-search");
    assertThat(dave.locator("[data-testid=resource-status]")).containsText("Reasons");
    assertThat(dave.locator("table").first()).containsText("Evidence source");
    assertThat(dave.locator("#cap-title + p + table, #cap-title ~ table").first())
        .containsText("SWITCHOVER");
    assertThat(dave.locator("#lag-chart canvas")).hasCount(1);
    assertThat(dave.locator("details summary").first()).hasText("Sanitized payload");
    ConsoleBrowser.screenshot(dave, "resource");
  }

  @Test
  void anApproverOverridesAFailedLagCheckAndTheOperatorConfirmsWithTheOverrideShown() {
    Page alice = browser().loggedIn("alice", PASSWORD);
    ConsoleFlows.fillRequest(alice, "console-lagging", "SWITCHOVER", "Move reporting to west");
    String id = ConsoleFlows.submitRequest(alice, "");
    ConsoleFlows.approve(browser(), PASSWORD, id, List.of("bob"));

    Page carol = browser().loggedIn("carol", PASSWORD);
    String check = "console-lagging/replication-lag";
    Locator reason = carol.getByLabel("Why it is safe to go on despite " + check);
    java.time.Instant until = java.time.Instant.now().plus(PATIENCE);
    do {
      carol.navigate("/executions/" + id);
    } while (reason.count() == 0 && java.time.Instant.now().isBefore(until));
    // The approver reviews the plan the request would run, with its data-loss warning.
    assertThat(carol.locator("ol.steps").first())
        .containsText("Promote the target (ACTION, timeout 60 s, not idempotent)");
    assertThat(carol.locator("#loss-title")).isVisible();
    reason.fill("Reporting replica applies in batches; 45 s behind is its normal state");
    ConsoleBrowser.screenshot(carol, "override-offered");
    carol.getByText("Override " + check).click();
    assertThat(carol.locator("[data-testid=overrides]")).containsText("overridden by carol");

    alice.navigate("/executions/" + id);
    assertThat(alice.getByText("Override " + check)).hasCount(0);
    assertThat(alice.locator("[data-testid=overrides]")).containsText("45 s behind");
    ConsoleFlows.openConfirmation(alice, id, PATIENCE);
    assertThat(alice.locator("tr.pass", new Page.LocatorOptions().setHasText(check)))
        .containsText("OVERRIDDEN by carol");
    ConsoleBrowser.screenshot(alice, "confirmation-with-override");
    alice.getByText("Confirm and start").click();
    ConsoleFlows.awaitState(alice, "SUCCEEDED", PATIENCE);
    ConsoleFlows.openEvidence(alice);
    assertThat(alice.locator("body")).containsText("PRECHECK_OVERRIDDEN");

    // bob approved: his inbox tells him carol overrode a check of the request he approved.
    Page bob = browser().loggedIn("bob", PASSWORD);
    Locator told =
        bob.locator("[data-testid=notification]", new Page.LocatorOptions().setHasText(check));
    java.time.Instant deadline = java.time.Instant.now().plus(PATIENCE);
    do {
      bob.navigate("/inbox");
    } while (told.count() == 0 && java.time.Instant.now().isBefore(deadline));
    assertThat(told.first()).containsText("carol");
    assertThat(told.first().getByRole(com.microsoft.playwright.options.AriaRole.LINK))
        .hasText("Open request " + id);
    ConsoleBrowser.screenshot(bob, "inbox");
  }
}
