package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
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
 * The whole console in Chromium under its Content-Security-Policy (no inline script or style):
 * every page, htmx polling, the lag chart, the tier-1 request-approve-confirm flow to the evidence
 * report and its print button. Fails on any CSP violation or script error the browser reports, and
 * on any page served without the security headers. Also: the throttled login form and the
 * idle-timeout message as a person sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ConsoleUnderCspIT {

  static final String PASSWORD = "it-csp-password";
  static final Duration PATIENCE = Duration.ofSeconds(40);
  static final List<String> RESOURCES =
      List.of("console-orders", "console-billing", "console-search", "console-lagging");

  @LocalServerPort int port;

  static ConsoleBrowser browser;
  static final CspWatch watch = new CspWatch();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws URISyntaxException, IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-csp-it"));
    Path inventory =
        Path.of(ConsoleUnderCspIT.class.getResource("/console/inventory.yaml").toURI());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.execution.max-evidence-age", () -> "5s");
    registry.add("continuity.execution.token-secret", () -> "csp-it-secret");
    registry.add("continuity.execution.max-switchover-lag-seconds", () -> "30");
    registry.add("continuity.security.throttle.max-failures", () -> "3");
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
    RESOURCES.forEach(SimulatedPlatform::forget);
  }

  private ConsoleBrowser browser() {
    if (browser == null) {
      browser = ConsoleBrowser.start("http://localhost:" + port);
      browser.onEveryContext(watch::attach);
    }
    return browser;
  }

  @Test
  void everyConsolePageWorksUnderTheContentSecurityPolicy() {
    Page alice = browser().loggedIn("alice", PASSWORD);
    alice.navigate("/");
    alice.waitForResponse(
        response -> response.url().contains("/fragments/estate"),
        new Page.WaitForResponseOptions().setTimeout(15_000),
        () -> {});
    for (String path :
        List.of(
            "/executions",
            "/audit",
            "/inbox",
            "/tokens",
            "/groups/console-stack",
            "/estate?q=console&page=1")) {
      alice.navigate(path);
      assertThat(alice.locator("[data-testid=current-user]")).hasText("alice");
    }
    alice.navigate("/resources/console-orders");
    assertThat(alice.locator("#lag-chart canvas").first()).isVisible();

    ConsoleFlows.fillRequest(alice, "console-orders", "SWITCHOVER", "CSP walk-through");
    assertThat(alice.locator("[data-testid=policy-for-request]")).containsText("2 approvals");
    String id = ConsoleFlows.submitRequest(alice, "CHG-2001");
    ConsoleFlows.approve(browser(), PASSWORD, id, List.of("bob", "carol"));
    ConsoleFlows.openConfirmation(alice, id, PATIENCE);
    ConsoleFlows.confirmTyped(alice, id, "console-orders");
    ConsoleFlows.awaitState(alice, "SUCCEEDED", PATIENCE);
    alice.addInitScript("window.print = () => { window.__printed = true; };");
    ConsoleFlows.openEvidence(alice);
    alice.reload();
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Print")).click();
    assertThat(alice.evaluate("() => window.__printed === true")).isEqualTo(true);
    ConsoleBrowser.screenshot(alice, "evidence-under-csp");

    assertThat(watch.violations()).as("CSP violations").isEmpty();
    assertThat(watch.pageErrors()).as("script errors").isEmpty();
    List<CspWatch.LoadedPage> pages =
        watch.pages().stream().filter(p -> p.status() == 200).toList();
    assertThat(pages).extracting(CspWatch.LoadedPage::url).anyMatch(u -> u.contains("/evidence"));
    assertThat(pages.size()).isGreaterThan(10);
    for (CspWatch.LoadedPage page : pages) {
      assertThat(page.headers())
          .as(page.url())
          .containsEntry("content-security-policy", expectedPolicy())
          .containsEntry("referrer-policy", "same-origin")
          .containsKey("permissions-policy")
          .containsEntry("x-content-type-options", "nosniff");
    }
  }

  @Test
  void aThrottledSignInSaysWhyAndHowLongToWait() {
    Page page = browser().anonymous();
    page.navigate("/login");
    for (int i = 0; i < 3; i++) {
      page.getByLabel("User name").fill("dave");
      page.getByLabel("Password").fill("not-daves-password");
      page.locator("form button[type=submit]").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("was not accepted");
    }

    page.getByLabel("User name").fill("dave");
    page.getByLabel("Password").fill(PASSWORD);
    page.locator("form button[type=submit]").click();

    assertThat(page).hasURL(Pattern.compile(".*/login\\?throttled=\\d+$"));
    assertThat(page.locator("[data-testid=throttled]"))
        .containsText("Too many failed sign-ins from this address for this user; try again in");
    assertThat(watch.violations()).isEmpty();
  }

  @Test
  void aSessionThatTimedOutSendsThePersonToTheLoginPageWithTheReason() {
    Page page = browser().anonymous();
    page.context()
        .addCookies(
            List.of(
                new Cookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF")
                    .setDomain("localhost")
                    .setPath("/")));

    page.navigate("/executions");

    assertThat(page).hasURL(Pattern.compile(".*/login\\?expired$"));
    assertThat(page.locator("[data-testid=session-expired]"))
        .containsText("signed out after 30 minutes without activity");
  }

  @Test
  void aDashboardLeftPollingAfterItsSessionEndedGoesToTheLoginPageWithTheReason() {
    Page admin = browser().loggedIn("admin", PASSWORD);
    admin.navigate("/");
    assertThat(admin.context().cookies()).extracting(c -> c.name).contains("JSESSIONID");

    // The server no longer knows the session (as after the idle timeout); the page keeps polling.
    admin.context().clearCookies();
    admin
        .context()
        .addCookies(
            List.of(
                new Cookie("JSESSIONID", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
                    .setUrl("http://localhost:" + port)));

    assertThat(admin)
        .hasURL(
            Pattern.compile(".*/login\\?expired$"),
            new PageAssertions.HasURLOptions().setTimeout(15_000));
    assertThat(admin.locator("[data-testid=session-expired]")).isVisible();
  }

  private static String expectedPolicy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
        + " form-action 'self'; frame-ancestors 'none'";
  }
}
