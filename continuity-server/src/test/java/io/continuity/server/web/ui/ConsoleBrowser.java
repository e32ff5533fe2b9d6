package io.continuity.server.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Chromium driven by Playwright for the console's browser tests: headless, 1280×800,
 * one fresh context (cookies, session) per person. Skips the tests when Chromium is missing, unless
 * {@code CONTINUITY_REQUIRE_REAL_SERVERS=1}, where a missing browser fails them.
 */
public final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Playwright playwright;
  private final Browser browser;
  private final String baseUrl;
  private final List<Consumer<BrowserContext>> contextHooks = new ArrayList<>();

  private ConsoleBrowser(Playwright playwright, Browser browser, String baseUrl) {
    this.playwright = playwright;
    this.browser = browser;
    this.baseUrl = baseUrl;
  }

  /** Skips (or, when real servers are required, fails) when the machine has no Chromium. */
  public static void assumeChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    String message =
        "Chromium is missing at "
            + CHROMIUM
            + ": install it with `apt-get install -y chromium` to run the console's browser tests";
    if ("1".equals(System.getenv("CONTINUITY_REQUIRE_REAL_SERVERS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  public static ConsoleBrowser start(String baseUrl) {
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
    return new ConsoleBrowser(playwright, browser, baseUrl);
  }

  /** Runs {@code hook} on every context (session) opened from now on, e.g. to watch its console. */
  void onEveryContext(Consumer<BrowserContext> hook) {
    contextHooks.add(hook);
  }

  private BrowserContext newContext() {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(1280, 800).setBaseURL(baseUrl));
    contextHooks.forEach(hook -> hook.accept(context));
    return context;
  }

  /** A page of a fresh session, logged in through the login form as this user. */
  public Page loggedIn(String user, String password) {
    BrowserContext context = newContext();
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();
    page.navigate("/login");
    page.getByLabel("User name").fill(user);
    page.getByLabel("Password").fill(password);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Log in"))
        .click();
    page.waitForURL(url -> !url.contains("/login"));
    assertThat(page.locator("[data-testid=current-user]").textContent()).isEqualTo(user);
    return page;
  }

  /** A page of a fresh session, not logged in. */
  Page anonymous() {
    return newContext().newPage();
  }

  public static Path screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
