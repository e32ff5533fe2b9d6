package io.continuity.server.web.ui;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.ReadinessHistory;
import io.continuity.server.report.Compliance;
import io.continuity.server.report.ReadinessReport;
import io.continuity.server.report.ReadinessReport.ResourceReadiness;
import io.continuity.server.report.ReadinessReports;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The readiness report page: a period picker (whole UTC days), tier and group filters, one
 * compliance bar per resource, the lag over the period of one chosen resource (uPlot, drawn by a
 * script file under the CSP), the findings and download links for CSV, PDF, HTML and JSON.
 */
@Controller
class ReportsPageController {

  static final int CHART_POINTS = 500;
  static final int DEFAULT_DAYS = 30;

  private final ReadinessReports reports;
  private final ReadinessHistory history;
  private final Inventory inventory;
  private final Clock clock;

  ReportsPageController(
      ReadinessReports reports, ReadinessHistory history, Inventory inventory, Clock clock) {
    this.reports = reports;
    this.history = history;
    this.inventory = inventory;
    this.clock = clock;
  }

  /** One row of the compliance table, with its bar as SVG rectangles. */
  record Row(
      String id,
      int tier,
      String groups,
      List<Segment> bar,
      String green,
      String yellow,
      String red,
      String lost,
      String unknown,
      String withinRpo,
      String worstLag,
      String longestLoss,
      long alerts,
      String lastDrill) {}

  /** One coloured part of a bar: x and width out of 200. */
  record Segment(String x, String width, String colour, String label) {}

  @GetMapping("/reports")
  String reports(
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String tier,
      @RequestParam(defaultValue = "") String group,
      @RequestParam(defaultValue = "") String resource,
      Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate toDay = date("to", to, today, errors);
    LocalDate fromDay = date("from", from, toDay.minusDays(DEFAULT_DAYS), errors);
    if (!fromDay.isBefore(toDay.plusDays(1))) {
      errors.put("from", "'From' must not be after 'To'.");
      fromDay = toDay.minusDays(DEFAULT_DAYS);
    }
    if (fromDay.isBefore(toDay.minusDays(365))) {
      errors.put("from", "A report covers at most 366 days.");
      fromDay = toDay.minusDays(365);
    }
    if (fromDay.isAfter(today)) {
      errors.put("from", "'From' is in the future.");
      fromDay = today;
    }
    Integer tierNumber = "1".equals(tier) || "2".equals(tier) ? Integer.valueOf(tier) : null;
    String groupId = inventory.group(group).isPresent() ? group : null;
    Instant start = fromDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = toDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    ReadinessReport report = reports.report(start, end, tierNumber, groupId);

    List<Row> rows = report.resources().stream().map(ReportsPageController::row).toList();
    String chartId =
        report.resources().stream()
            .map(ResourceReadiness::id)
            .filter(resource::equals)
            .findFirst()
            .orElse(report.resources().isEmpty() ? "" : report.resources().get(0).id());
    model.addAttribute("report", report);
    model.addAttribute("rows", rows);
    model.addAttribute("errors", errors);
    model.addAttribute(
        "filter",
        Map.of(
            "from",
            fromDay.toString(),
            "to",
            toDay.toString(),
            "tier",
            tierNumber == null ? "" : tierNumber.toString(),
            "group",
            groupId == null ? "" : groupId,
            "resource",
            chartId));
    model.addAttribute("groups", inventory.groups().stream().map(Group::id).sorted().toList());
    model.addAttribute("chartId", chartId);
    model.addAttribute("chartJson", chartJson(chartId, report));
    String query =
        "?from="
            + enc(start.toString())
            + "&to="
            + enc(end.toString())
            + (tierNumber == null ? "" : "&tier=" + tierNumber)
            + (groupId == null ? "" : "&group=" + enc(groupId));
    model.addAttribute("csvHref", "/api/v1/reports/readiness.csv" + query);
    model.addAttribute("pdfHref", "/api/v1/reports/readiness.pdf" + query);
    model.addAttribute("apiHref", "/api/v1/reports/readiness" + query);
    return "reports";
  }

  private String chartJson(String resourceId, ReadinessReport report) {
    if (resourceId.isEmpty()) {
      return "{\"t\":[],\"lag\":[],\"rpo\":[]}";
    }
    Resource r = inventory.resource(resourceId).orElse(null);
    List<ReadinessHistory.LagPoint> points =
        history.lagOverTime(resourceId, report.from(), report.end(), CHART_POINTS);
    List<String> t = new ArrayList<>();
    List<String> lag = new ArrayList<>();
    List<String> rpo = new ArrayList<>();
    String target = r == null ? "null" : number(r.rpo().target().toMillis() / 1000.0);
    for (ReadinessHistory.LagPoint p : points) {
      t.add(String.valueOf(p.at().getEpochSecond()));
      lag.add(number(p.lagSeconds()));
      rpo.add(target);
    }
    return "{\"t\":" + t + ",\"lag\":" + lag + ",\"rpo\":" + rpo + "}";
  }

  static Row row(ResourceReadiness r) {
    Compliance c = r.compliance();
    double[] shares = {c.green(), c.yellow(), c.red(), c.lost(), c.unknown()};
    String[] colours = {"#2e7d32", "#f9a825", "#c62828", "#6a1b9a", "#9e9e9e"};
    String[] labels = {"green", "yellow", "red", "visibility lost", "unknown"};
    List<Segment> bar = new ArrayList<>();
    double x = 0;
    for (int i = 0; i < shares.length; i++) {
      double w = shares[i] * 200;
      if (w > 0) {
        bar.add(
            new Segment(number(x), number(w), colours[i], labels[i] + " " + percent(shares[i])));
      }
      x += w;
    }
    return new Row(
        r.id(),
        r.tier(),
        String.join(", ", r.groups()),
        bar,
        percent(c.green()),
        percent(c.yellow()),
        percent(c.red()),
        percent(c.lost()),
        percent(c.unknown()),
        percent(c.withinRpo()),
        c.worstLagSeconds() == null
            ? "none observed"
            : String.format(Locale.ROOT, "%.1f s at %s", c.worstLagSeconds(), c.worstLagAt()),
        c.longestLostMillis() == 0
            ? "none"
            : Ages.span(Duration.ofMillis(c.longestLostMillis())) + " from " + c.longestLostFrom(),
        r.readinessAlerts(),
        r.lastDrill() == null
            ? "never"
            : r.lastDrill().succeededAt() + " (" + r.lastDrill().executionId() + ")");
  }

  private static LocalDate date(
      String field, String value, LocalDate fallback, Map<String, String> errors) {
    if (value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, "Give a date as YYYY-MM-DD.");
      return fallback;
    }
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
