package io.continuity.server.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The summary-first estate dashboard and the fragment it refreshes from (htmx, every {@code
 * continuity.console.refresh-seconds}); the refresh sends its last tag and gets a 304 while the
 * estate's readiness is unchanged. A dashboard URL with filters (the old filtered view) goes to the
 * paged list, which serves filters now.
 */
@Controller
class DashboardController {

  private final EstateDashboard dashboard;
  private final int refreshSeconds;

  DashboardController(
      EstateDashboard dashboard,
      @Value("${continuity.console.refresh-seconds:5}") int refreshSeconds) {
    this.dashboard = dashboard;
    this.refreshSeconds = refreshSeconds;
  }

  @GetMapping("/")
  Object dashboard(WebRequest request, Model model) {
    if (request.getParameterMap().keySet().stream()
        .anyMatch(p -> EstateListController.PARAMETERS.contains(p))) {
      RedirectView redirect = new RedirectView("/estate?" + queryOf(request));
      redirect.setContextRelative(true);
      return redirect;
    }
    model.addAttribute("view", dashboard.view(dashboard.snapshot()));
    model.addAttribute("refresh", "every " + refreshSeconds + "s");
    return "dashboard";
  }

  /**
   * The refresh: a 304 while the tag it sends is still the estate's; when it is one of the recent
   * versions, only what changed since, as out-of-band swaps (the fragment's own swap is {@code
   * none}); otherwise the whole fragment.
   */
  @GetMapping("/fragments/estate")
  String estate(WebRequest request, HttpServletResponse response, Model model) {
    EstateDashboard.Snapshot snapshot = dashboard.snapshot();
    String shown = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (request.checkNotModified(snapshot.etag())) {
      return null;
    }
    model.addAttribute("view", dashboard.view(snapshot));
    Optional<DashboardChanges> changes = dashboard.changesSince(shown, snapshot);
    if (changes.isPresent()) {
      response.setHeader("HX-Reswap", "none");
      model.addAttribute("changes", changes.get());
      return "dashboard :: changes";
    }
    return "dashboard :: estate";
  }

  private static String queryOf(WebRequest request) {
    StringBuilder q = new StringBuilder();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                q.append(q.length() == 0 ? "" : "&")
                    .append(
                        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                    .append('=')
                    .append(
                        java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
              }
            });
    return q.toString();
  }
}
