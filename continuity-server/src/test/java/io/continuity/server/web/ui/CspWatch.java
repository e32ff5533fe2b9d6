package io.continuity.server.web.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Watches a browser session for what a Content-Security-Policy breaks: every violation the page
 * reports (Chromium's console message and the {@code securitypolicyviolation} event), every script
 * error, and the security headers of every page (document) the session loaded.
 */
final class CspWatch {

  private static final String REPORT_VIOLATIONS =
      "document.addEventListener('securitypolicyviolation', e => console.error("
          + "'CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI"
          + " + ' at ' + e.sourceFile + ':' + e.lineNumber));";

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
  private final List<LoadedPage> pages = Collections.synchronizedList(new ArrayList<>());

  /** One page (document) the browser loaded and its response headers. */
  record LoadedPage(String url, int status, Map<String, String> headers) {}

  void attach(BrowserContext context) {
    context.addInitScript(REPORT_VIOLATIONS);
    context.onPage(
        page -> {
          page.onConsoleMessage(
              message -> {
                String text = message.text();
                if (text.contains("Content Security Policy") || text.startsWith("CSP violation")) {
                  violations.add(page.url() + ": " + text);
                }
              });
          page.onPageError(error -> pageErrors.add(page.url() + ": " + error));
        });
    context.onResponse(this::record);
  }

  private void record(Response response) {
    if ("document".equals(response.request().resourceType())) {
      pages.add(new LoadedPage(response.url(), response.status(), response.allHeaders()));
    }
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  List<String> pageErrors() {
    return List.copyOf(pageErrors);
  }

  List<LoadedPage> pages() {
    return List.copyOf(pages);
  }
}
