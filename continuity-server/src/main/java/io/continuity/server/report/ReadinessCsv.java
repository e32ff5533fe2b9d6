package io.continuity.server.report;

import io.continuity.server.report.ReadinessReport.Finding;
import io.continuity.server.report.ReadinessReport.LastExecution;
import io.continuity.server.report.ReadinessReport.ResourceReadiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A readiness report as CSV (RFC 4180): one row per resource, shares as fractions 0..1, times as
 * ISO-8601 instants; every row carries the period, the generation time and the audit head so a
 * spreadsheet extract stays anchored to the trail. A value that a spreadsheet would read as a
 * formula is prefixed with an apostrophe.
 */
public final class ReadinessCsv {

  static final List<String> HEADER =
      List.of(
          "resource",
          "name",
          "tier",
          "groups",
          "green",
          "yellow",
          "red",
          "visibility_lost",
          "unknown",
          "within_rpo",
          "rpo_target_seconds",
          "worst_lag_seconds",
          "worst_lag_at",
          "longest_visibility_loss_seconds",
          "longest_visibility_loss_from",
          "readiness_alerts",
          "status_now",
          "last_drill",
          "last_drill_at",
          "last_drill_conclusion",
          "last_switchover",
          "last_switchover_at",
          "last_failover",
          "last_failover_at",
          "findings",
          "period_from",
          "period_to",
          "generated_at",
          "audit_seq",
          "audit_hash");

  private ReadinessCsv() {}

  public static String render(ReadinessReport report) {
    StringBuilder csv = new StringBuilder();
    line(csv, HEADER);
    for (ResourceReadiness r : report.resources()) {
      Compliance c = r.compliance();
      List<String> cells = new ArrayList<>();
      cells.add(r.id());
      cells.add(r.name());
      cells.add(String.valueOf(r.tier()));
      cells.add(String.join(" ", r.groups()));
      cells.add(fraction(c.green()));
      cells.add(fraction(c.yellow()));
      cells.add(fraction(c.red()));
      cells.add(fraction(c.lost()));
      cells.add(fraction(c.unknown()));
      cells.add(fraction(c.withinRpo()));
      cells.add(number(r.rpoTargetSeconds()));
      cells.add(c.worstLagSeconds() == null ? "" : number(c.worstLagSeconds()));
      cells.add(c.worstLagAt() == null ? "" : c.worstLagAt().toString());
      cells.add(number(c.longestLostMillis() / 1000.0));
      cells.add(c.longestLostFrom() == null ? "" : c.longestLostFrom().toString());
      cells.add(String.valueOf(r.readinessAlerts()));
      cells.add(r.statusNow());
      execution(cells, r.lastDrill(), true);
      execution(cells, r.lastSwitchover(), false);
      execution(cells, r.lastFailover(), false);
      cells.add(r.findings().stream().map(Finding::kind).collect(Collectors.joining(" ")));
      cells.add(report.from().toString());
      cells.add(report.end().toString());
      cells.add(report.generatedAt().toString());
      cells.add(String.valueOf(report.auditHead().seq()));
      cells.add(report.auditHead().hash());
      line(csv, cells);
    }
    return csv.toString();
  }

  private static void execution(List<String> cells, LastExecution e, boolean conclusion) {
    cells.add(e == null ? "" : e.executionId());
    cells.add(e == null ? "" : e.succeededAt().toString());
    if (conclusion) {
      cells.add(e == null ? "" : e.conclusion());
    }
  }

  static String fraction(double share) {
    return String.format(Locale.ROOT, "%.6f", share);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
