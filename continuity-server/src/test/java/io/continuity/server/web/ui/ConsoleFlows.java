package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The console's request-approve-confirm steps as a person does them in the browser, shared by the
 * browser tests so that the simulated and the real-pair switchover walk the same pages.
 */
final class ConsoleFlows {

  private ConsoleFlows() {}

  /** Opens the request form for {@code resourceId}, chooses the type and writes the reason. */
  static void fillRequest(Page page, String resourceId, String type, String reason) {
    page.navigate("/executions/new?resourceId=" + resourceId);
    page.getByLabel("Type").selectOption(type);
    page.getByLabel("Reason").fill(reason);
  }

  /** Enters the change ticket, submits the request form and returns the new request's id. */
  static String submitRequest(Page page, String changeTicket) {
    page.getByLabel("Change ticket").fill(changeTicket);
    page.getByText("Submit the request").click();
    page.waitForURL(Pattern.compile(".*/executions/[^/]+$"));
    return page.url().substring(page.url().lastIndexOf('/') + 1);
  }

  /** Each approver logs in with a fresh session, opens the request and approves it. */
  static void approve(ConsoleBrowser browser, String password, String id, List<String> approvers) {
    for (String approver : approvers) {
      Page page = browser.loggedIn(approver, password);
      page.navigate("/executions/" + id);
      page.getByLabel("Approval comment (optional)").fill("ok by " + approver);
      page.getByText("Approve", new Page.GetByTextOptions().setExact(true)).click();
      assertThat(page.locator("[data-testid=decision-note]"))
          .containsText("approved this request at");
    }
  }

  /** Opens the confirmation screen of an approved request and waits for every precheck to pass. */
  static void openConfirmation(Page page, String id, Duration patience) {
    page.navigate("/executions/" + id);
    page.getByText("Review the plan and confirm the start").click();
    awaitPrechecksPass(page, patience);
  }

  /** Reloads the confirmation screen until every precheck passes (fresh evidence arrives). */
  static void awaitPrechecksPass(Page page, Duration patience) {
    Instant until = Instant.now().plus(patience);
    while (page.locator("tr.fail").count() > 0 && Instant.now().isBefore(until)) {
      page.waitForTimeout(500);
      page.reload();
    }
    assertThat(page.locator("tr.fail")).hasCount(0);
  }

  /** Types the tier-1 confirmation, starts the execution and waits for its page. */
  static void confirmTyped(Page page, String id, String typed) {
    page.getByLabel("Tier 1: type").fill(typed);
    page.getByText("Confirm and start").click();
    page.waitForURL(Pattern.compile(".*/executions/" + id + "$"));
  }

  /** Waits on the execution page until the state reads {@code state}. */
  static void awaitState(Page page, String state, Duration patience) {
    assertThat(page.locator("[data-testid=state]"))
        .hasText(state, new LocatorAssertions.HasTextOptions().setTimeout(patience.toMillis()));
  }

  /** Follows the execution page's link to its evidence report. */
  static void openEvidence(Page page) {
    page.locator("[data-testid=evidence-link]").click();
  }
}
