package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.continuity.connector.simulated.SimulatedPlatform;
import io.continuity.server.support.FastMonitoring;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The summary-first console in Chromium on an estate too large for a tile each: 30 GREEN, 2 lost
 * visibility, 4 RED, 4 YELLOW and a group, with GREEN collapsed above 10 tiles and 5 problems
 * shown. Summary counts and links, worst-first problems, paged and searched lists with the page in
 * the URL, and a refresh that costs a 304 while nothing changes and swaps in a change without
 * reloading the page. Fails on any CSP violation or script error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ConsoleAtScaleIT {

  static final String PASSWORD = "it-scale-password";
  static final int GREEN = 30;
  static final LocatorAssertions.HasTextOptions PATIENT =
      new LocatorAssertions.HasTextOptions().setTimeout(40_000);

  @LocalServerPort int port;

  static ConsoleBrowser browser;
  static final CspWatch watch = new CspWatch();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-scale-it");
    TestStateStore.registerH2(registry, dir);
    Path inventory = dir.resolve("inventory.yaml");
    Files.writeString(inventory, inventory());
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
    FastMonitoring.register(registry);
    registry.add("continuity.console.green-tiles-max", () -> "10");
    registry.add("continuity.console.problems-shown", () -> "5");
    registry.add("continuity.console.refresh-seconds", () -> "1");
  }

  /** scale-00..29 steady, 30..33 broken, 34..35 unreachable, 36..39 lagging; one owner "needle". */
  static String inventory() {
    StringBuilder yaml = new StringBuilder("resources:\n");
    IntStream.range(0, 40)
        .forEach(
            i -> {
              String scenario =
                  i < 30 ? "steady" : i < 34 ? "broken" : i < 36 ? "unreachable" : "lagging";
              yaml.append(
                  """
                    - id: %s
                      name: Scale %d
                      platform: simulated
                      tier: %d
                      environment: %s
                      owner: %s
                      sites: { primary: east, dr: %s }
                      rpo: { target: 2m, warn: 30s }
                      connector:
                        settings: { scenario: %s, jitter: "0", unreachableSites: all }
                  """
                      .formatted(
                          id(i),
                          i,
                          i % 4 == 0 ? 1 : 2,
                          i % 2 == 0 ? "prod" : "staging",
                          i == 7 ? "needle@example.com" : "dba@example.com",
                          i == 8 ? "lisbon" : "west",
                          scenario));
            });
    yaml.append(
        """
        groups:
          - id: scale-stack
            name: Scale stack
            tier: 1
            members: [scale-00, scale-30]
        """);
    return yaml.toString();
  }

  static String id(int i) {
    return "scale-%02d".formatted(i);
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
    IntStream.range(0, 40).forEach(i -> SimulatedPlatform.forget(id(i)));
  }

  private ConsoleBrowser browser() {
    if (browser == null) {
      browser = ConsoleBrowser.start("http://localhost:" + port);
      browser.onEveryContext(watch::attach);
    }
    return browser;
  }

  private Page settledDashboard() {
    Page dave = browser().loggedIn("dave", PASSWORD);
    dave.navigate("/");
    assertThat(dave.locator("[data-testid=count-RED] strong")).hasText("4", PATIENT);
    assertThat(dave.locator("[data-testid=count-LOST] strong")).hasText("2", PATIENT);
    assertThat(dave.locator("[data-testid=count-YELLOW] strong")).hasText("4", PATIENT);
    assertThat(dave.locator("[data-testid=count-GREEN] strong")).hasText("30", PATIENT);
    return dave;
  }

  @Test
  void theDashboardShowsCountsTheGroupAndProblemsWorstFirstWithGreenAsACount() {
    Page dave = settledDashboard();

    assertThat(dave.locator("[data-testid=count-total]")).hasText("40");
    Locator problems = dave.locator("[data-testid=problems] article");
    assertThat(problems).hasCount(5);
    assertThat(problems.nth(0)).hasAttribute("data-status", "RED");
    assertThat(problems.nth(3)).hasAttribute("data-status", "RED");
    assertThat(problems.nth(4)).hasAttribute("data-status", "LOST");
    assertThat(problems.nth(4)).containsText("VISIBILITY LOST");
    assertThat(dave.locator("[data-testid=problems-more]")).containsText("and 5 more");
    assertThat(dave.locator("[data-testid=tile-scale-stack]")).hasAttribute("data-status", "RED");
    assertThat(dave.locator("[data-testid=green] article")).hasCount(0);
    assertThat(dave.locator("[data-testid=green-count]")).containsText("30 resources are GREEN");
    ConsoleBrowser.screenshot(dave, "dashboard-at-scale");

    dave.locator("[data-testid=count-YELLOW]").click();
    assertThat(dave).hasURL(Pattern.compile(".*/estate\\?status=YELLOW$"));
    assertThat(dave.locator("#estate-list article")).hasCount(4);
    assertThat(dave.locator("#estate-list article[data-status=YELLOW]")).hasCount(4);
    assertNoScriptTrouble();
  }

  @Test
  void theListPagesWithThePageInTheUrlAndABadPageSaysWhatToFix() {
    Page dave = settledDashboard();
    dave.navigate("/estate?status=GREEN&size=12");
    assertThat(dave.locator("[data-testid=list-position]"))
        .hasText("1–12 of 30, worst first (page 1 of 3)");
    String firstOnPageOne =
        dave.locator("#estate-list article").first().getAttribute("data-testid");

    dave.locator("[data-testid=page-next]").click();
    assertThat(dave).hasURL(Pattern.compile(".*/estate\\?status=GREEN&page=2&size=12$"));
    assertThat(dave.locator("[data-testid=list-position]"))
        .hasText("13–24 of 30, worst first (page 2 of 3)");
    assertThat(dave.locator("#estate-list article")).hasCount(12);
    assertThat(dave.locator("#estate-list [data-testid=" + firstOnPageOne + "]")).hasCount(0);

    dave.navigate("/estate?status=GREEN&page=3&size=12");
    assertThat(dave.locator("#estate-list article")).hasCount(6);
    assertThat(dave.locator("[data-testid=page-next]")).hasCount(0);

    Response bad = dave.navigate("/estate?page=zero");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(dave.locator("[data-testid=bad-parameter]"))
        .hasText("page must be a whole number from 1, not 'zero'");
    assertNoScriptTrouble();
  }

  @Test
  void searchFindsResourcesByOwnerSiteAndName() {
    Page dave = settledDashboard();
    dave.getByLabel("Find (id, name, owner, site)").fill("needle");
    dave.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
    assertThat(dave).hasURL(Pattern.compile(".*/estate\\?q=needle$"));
    assertThat(dave.locator("#estate-list article")).hasCount(1);
    assertThat(dave.locator("[data-testid=tile-scale-07]")).isVisible();

    dave.navigate("/estate?q=LISBON");
    assertThat(dave.locator("#estate-list article")).hasCount(1);
    assertThat(dave.locator("[data-testid=tile-scale-08]")).containsText("lisbon");

    dave.navigate("/estate?q=scale+3&status=RED");
    assertThat(dave.locator("#estate-list article")).hasCount(4);
    assertNoScriptTrouble();
  }

  @Test
  void anUnchangedEstateRefreshesWithA304AndAChangeIsSwappedInWithoutReloading() {
    Page dave = settledDashboard();
    List<Response> refreshes = refreshesOf(dave);
    dave.evaluate("() => { window.__samePage = true; }");
    dave.waitForCondition(
        () -> refreshes.stream().filter(r -> r.status() == 304).count() >= 3,
        new Page.WaitForConditionOptions().setTimeout(20_000));
    String shown = dave.locator("#estate").getAttribute("data-etag");
    for (Response r : refreshes.stream().filter(r -> r.status() == 304).toList()) {
      assertThat(r.request().headerValue("if-none-match")).isEqualTo(shown);
    }
    assertThat(dave.locator("[data-testid=count-RED] strong")).hasText("4");

    SimulatedPlatform.setScenario(id(5), "broken");
    try {
      assertThat(dave.locator("[data-testid=count-RED] strong")).hasText("5", PATIENT);
      assertThat(dave.locator("[data-testid=problems] [data-testid=tile-scale-05]"))
          .hasAttribute("data-status", "RED");
      assertThat(dave.locator("[data-testid=count-GREEN] strong")).hasText("29");
      assertThat(dave.evaluate("() => window.__samePage === true")).isEqualTo(true);
      assertThat(refreshes).anyMatch(r -> r.status() == 200);
      int before = refreshes.size();
      dave.waitForCondition(
          () -> refreshes.stream().skip(before).filter(r -> r.status() == 304).count() >= 2,
          new Page.WaitForConditionOptions().setTimeout(20_000));
    } finally {
      SimulatedPlatform.clearScenario(id(5));
    }
    assertNoScriptTrouble();
  }

  @Test
  void aChangeSwapsOnlyTheChangedTileAndTheCountsAndLeavesEveryOtherNodeInPlace() {
    Page dave = settledDashboard();
    List<Response> refreshes = refreshesOf(dave);
    dave.waitForCondition(
        () -> refreshes.stream().anyMatch(r -> r.status() == 304),
        new Page.WaitForConditionOptions().setTimeout(20_000));
    // Mark the nodes on the page: a node that is swapped out is a new node, without the mark.
    dave.evaluate(
        "() => document.querySelectorAll('#estate article, #estate section')"
            + ".forEach(e => { e.__kept = true; })");
    List<String> untouched = List.of("scale-30", "scale-31", "scale-32", "scale-33", "scale-stack");

    SimulatedPlatform.setScenario(id(34), "broken");
    try {
      assertThat(dave.locator("[data-testid=count-RED] strong")).hasText("5", PATIENT);
      assertThat(dave.locator("[data-testid=count-LOST] strong")).hasText("1", PATIENT);
      assertThat(dave.locator("[data-testid=problems] [data-testid=tile-scale-34]"))
          .hasAttribute("data-status", "RED", new LocatorAssertions.HasAttributeOptions());
      assertThat(kept(dave, "[data-testid=tile-scale-34]")).as("the changed tile").isFalse();
      for (String id : untouched) {
        assertThat(kept(dave, "[data-testid=tile-" + id + "]")).as("tile " + id).isTrue();
      }
      assertThat(kept(dave, "[data-testid=problems]")).as("the problems section").isTrue();
      assertThat(kept(dave, "[data-testid=green]")).as("the GREEN section").isTrue();
      assertThat(kept(dave, "[data-testid=summary]")).as("the counts, changed").isFalse();
      Response partial =
          refreshes.stream().filter(r -> r.status() == 200).reduce((a, b) -> b).orElseThrow();
      assertThat(partial.headerValue("hx-reswap")).isEqualTo("none");
      assertThat(partial.text())
          .contains("id=\"tile-resource-scale-34\"")
          .doesNotContain("tile-resource-scale-30")
          .doesNotContain("id=\"estate-problems\"");
      int before = refreshes.size();
      dave.waitForCondition(
          () -> refreshes.stream().skip(before).filter(r -> r.status() == 304).count() >= 2,
          new Page.WaitForConditionOptions().setTimeout(20_000));
    } finally {
      SimulatedPlatform.clearScenario(id(34));
    }
    assertNoScriptTrouble();
  }

  /** The dashboard's refresh answers from now on, as they arrive. */
  private static List<Response> refreshesOf(Page page) {
    List<Response> refreshes = new CopyOnWriteArrayList<>();
    page.onResponse(
        r -> {
          if (r.url().contains("/fragments/estate")) {
            refreshes.add(r);
          }
        });
    return refreshes;
  }

  private static boolean kept(Page page, String selector) {
    return (Boolean) page.evaluate("s => document.querySelector(s).__kept === true", selector);
  }

  @Test
  void theApiPagesFiltersCountsAndAnswers304WhileNothingChanges() throws Exception {
    settledDashboard();
    StatusApiCalls api = new StatusApiCalls("http://localhost:" + port, "dave", PASSWORD);

    var page = api.get("/api/v1/status?status=RED&page=2&size=3", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(api.json(page).path("total").asInt()).isEqualTo(4);
    assertThat(api.json(page).path("pages").asInt()).isEqualTo(2);
    assertThat(api.json(page).path("resources")).hasSize(1);
    assertThat(api.json(page).path("resources").get(0).path("id").asText()).isEqualTo("scale-33");
    String etag = page.headers().firstValue("ETag").orElseThrow();
    assertThat(api.get("/api/v1/status?status=RED&page=2&size=3", etag).statusCode())
        .isEqualTo(304);

    var summary = api.get("/api/v1/status/summary", null);
    assertThat(api.json(summary).path("counts").path("byStatus").path("LOST").asInt()).isEqualTo(2);
    assertThat(api.json(summary).path("counts").path("byTier").path("1").asInt()).isEqualTo(10);
    assertThat(api.json(summary).path("groups").get(0).path("status").asText()).isEqualTo("RED");
    String summaryTag = summary.headers().firstValue("ETag").orElseThrow();
    assertThat(api.get("/api/v1/status/summary", summaryTag).statusCode()).isEqualTo(304);

    var whole = api.get("/api/v1/status", null);
    assertThat(api.json(whole).path("resources")).hasSize(40);
    assertThat(api.json(whole).path("groups")).hasSize(1);

    var bad = api.get("/api/v1/status?size=1000", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.json(bad).path("detail").asText())
        .isEqualTo("size must be a whole number from 1 to 500, not '1000'");
    var badStatus = api.get("/api/v1/status?status=BLUE", null);
    assertThat(badStatus.statusCode()).isEqualTo(400);
    assertThat(api.json(badStatus).path("detail").asText())
        .contains("status must be one of GREEN, YELLOW, RED or LOST");
  }

  private static void assertNoScriptTrouble() {
    assertThat(watch.violations()).as("CSP violations").isEmpty();
    assertThat(watch.pageErrors()).as("script errors").isEmpty();
  }
}
