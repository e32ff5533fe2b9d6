package io.continuity.server.report;

import io.continuity.server.report.ReadinessReport.Finding;
import io.continuity.server.report.ReadinessReport.GroupReadiness;
import io.continuity.server.report.ReadinessReport.LastExecution;
import io.continuity.server.report.ReadinessReport.ResourceReadiness;
import java.time.Duration;
import java.util.Locale;

/**
 * A readiness report as one self-contained, well-formed XHTML page: what {@code text/html} returns
 * and what {@link ReadinessPdf} lays out on A4 pages (numbered "Page n of m" in the footer, the
 * period, generation time and audit head in the header of the first page). Every value is escaped.
 * The compliance bar of each resource is drawn server-side: as SVG rectangles in the browser
 * (attributes, so the console's CSP needs no inline style) and as sized blocks in the PDF.
 */
public final class ReadinessHtml {

  static final String[] COLOURS = {"#2e7d32", "#f9a825", "#c62828", "#6a1b9a", "#9e9e9e"};
  static final String[] LABELS = {"green", "yellow", "red", "visibility lost", "unknown"};

  private static final String CSS =
      "body{font-family:Helvetica,Arial,sans-serif;font-size:9pt;margin:0}"
          + "h1{font-size:16pt;margin:0 0 4pt 0}h2{font-size:12pt;margin:12pt 0 4pt 0}"
          + "table{border-collapse:collapse;width:100%;margin-bottom:8pt}"
          + "td,th{border:0.5pt solid #999;padding:2pt 3pt;text-align:left;vertical-align:top}"
          + "th{background:#eee}tr{page-break-inside:avoid}.num{text-align:right}"
          + ".bar{width:120pt;height:9pt;border:0.5pt solid #666}"
          + ".seg{height:9pt;float:left}.legend span{margin-right:8pt}"
          + ".anchor{font-family:monospace;font-size:8pt}";

  private static final String PAGE =
      "@page{size:A4 landscape;margin:14mm 10mm 16mm 10mm;"
          + "@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);"
          + "font-family:Helvetica;font-size:8pt}"
          + "@bottom-left{content:\"Continuity readiness report\";font-family:Helvetica;"
          + "font-size:8pt}}";

  private ReadinessHtml() {}

  /** The page for a browser (SVG bars). */
  public static String render(ReadinessReport report) {
    return render(report, false);
  }

  static String render(ReadinessReport r, boolean pdf) {
    StringBuilder h = new StringBuilder(4096 + r.resources().size() * 1200);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"/><title>Readiness report ")
        .append(esc(r.from().toString()))
        .append(" to ")
        .append(esc(r.end().toString()))
        .append("</title><link rel=\"stylesheet\" href=\"/css/report.css\"/><style>")
        .append(CSS)
        .append(PAGE)
        .append("</style></head><body>");
    h.append("<h1>Readiness report</h1><p>Period <strong>")
        .append(esc(r.from().toString()))
        .append("</strong> to <strong>")
        .append(esc(r.end().toString()))
        .append("</strong>");
    if (!r.end().equals(r.to())) {
      h.append(" (asked to ").append(esc(r.to().toString())).append("; the future is not counted)");
    }
    h.append(". Generated ").append(esc(r.generatedAt().toString())).append('.');
    if (r.tier() != null) {
      h.append(" Tier ").append(r.tier()).append('.');
    }
    if (r.group() != null) {
      h.append(" Group ").append(esc(r.group())).append('.');
    }
    h.append("</p><p class=\"anchor\">Audit head at generation: seq ")
        .append(r.auditHead().seq())
        .append(" hash ")
        .append(esc(r.auditHead().hash()))
        .append("</p><p>Drill policy: tier 1 every ")
        .append(esc(r.drillMaxAge().get("tier1")))
        .append(", tier 2 every ")
        .append(esc(r.drillMaxAge().get("tier2")))
        .append(". Time without evidence counts as unknown, never as compliant.</p>");
    legend(h, pdf);
    resources(h, r, pdf);
    groups(h, r);
    findings(h, r);
    executions(h, r);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void legend(StringBuilder h, boolean pdf) {
    h.append("<p class=\"legend\">");
    for (int i = 0; i < LABELS.length; i++) {
      h.append("<span>");
      swatch(h, COLOURS[i], pdf);
      h.append(' ').append(LABELS[i]).append("</span> ");
    }
    h.append("</p>");
  }

  private static void swatch(StringBuilder h, String colour, boolean pdf) {
    if (pdf) {
      h.append("<span style=\"background:").append(colour).append(";padding:0 4pt\">&#160;</span>");
    } else {
      h.append("<svg width=\"10\" height=\"10\" role=\"img\"><rect width=\"10\" height=\"10\"")
          .append(" fill=\"")
          .append(colour)
          .append("\"/></svg>");
    }
  }

  private static void resources(StringBuilder h, ReadinessReport r, boolean pdf) {
    h.append("<h2>Resources (")
        .append(r.resources().size())
        .append(")</h2><table><thead><tr><th>resource</th><th>tier</th><th>time by status</th>")
        .append(
            "<th class=\"num\">green</th><th class=\"num\">yellow</th><th class=\"num\">red</th>")
        .append("<th class=\"num\">lost</th><th class=\"num\">unknown</th>")
        .append("<th class=\"num\">within RPO</th><th>worst lag</th>")
        .append("<th>longest loss of visibility</th><th class=\"num\">alerts</th>")
        .append("<th>now</th><th>last drill</th></tr></thead><tbody>");
    for (ResourceReadiness res : r.resources()) {
      Compliance c = res.compliance();
      h.append("<tr><td>").append(esc(res.id()));
      if (!res.groups().isEmpty()) {
        h.append(" <small>(").append(esc(String.join(", ", res.groups()))).append(")</small>");
      }
      h.append("</td><td>").append(res.tier()).append("</td><td>");
      bar(h, c, pdf);
      h.append("</td>");
      for (double share : new double[] {c.green(), c.yellow(), c.red(), c.lost(), c.unknown()}) {
        h.append("<td class=\"num\">").append(percent(share)).append("</td>");
      }
      h.append("<td class=\"num\">").append(percent(c.withinRpo())).append("</td><td>");
      if (c.worstLagSeconds() != null) {
        h.append(seconds(c.worstLagSeconds()))
            .append(" at ")
            .append(esc(c.worstLagAt().toString()))
            .append(" (RPO ")
            .append(seconds(res.rpoTargetSeconds()))
            .append(')');
      } else {
        h.append("none observed");
      }
      h.append("</td><td>");
      if (c.longestLostMillis() > 0) {
        h.append(duration(c.longestLost()))
            .append(" from ")
            .append(esc(c.longestLostFrom().toString()));
      } else {
        h.append("none");
      }
      h.append("</td><td class=\"num\">")
          .append(res.readinessAlerts())
          .append("</td><td>")
          .append(esc(res.statusNow()))
          .append("</td><td>")
          .append(lastLine(res.lastDrill()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static void bar(StringBuilder h, Compliance c, boolean pdf) {
    double[] shares = {c.green(), c.yellow(), c.red(), c.lost(), c.unknown()};
    if (pdf) {
      h.append("<div class=\"bar\">");
      for (int i = 0; i < shares.length; i++) {
        double points = Math.floor(shares[i] * 1200) / 10.0;
        if (points > 0) {
          h.append("<div class=\"seg\" style=\"width:")
              .append(String.format(Locale.ROOT, "%.1f", points))
              .append("pt;background:")
              .append(COLOURS[i])
              .append("\"></div>");
        }
      }
      h.append("</div>");
      return;
    }
    h.append("<svg width=\"120\" height=\"10\" role=\"img\" aria-label=\"time by status\">");
    double x = 0;
    for (int i = 0; i < shares.length; i++) {
      double w = shares[i] * 120;
      if (w > 0) {
        h.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" width=\"%.2f\"", x, w))
            .append(" height=\"10\" fill=\"")
            .append(COLOURS[i])
            .append("\"><title>")
            .append(LABELS[i])
            .append(' ')
            .append(percent(shares[i]))
            .append("</title></rect>");
      }
      x += w;
    }
    h.append("</svg>");
  }

  private static void groups(StringBuilder h, ReadinessReport r) {
    if (r.groups().isEmpty()) {
      return;
    }
    h.append("<h2>Groups</h2><p>A group's shares are the mean of its members'; its worst lag and")
        .append(" longest loss are its worst member's.</p><table><thead><tr><th>group</th>")
        .append("<th>tier</th><th>members</th><th class=\"num\">green</th>")
        .append("<th class=\"num\">within RPO</th><th class=\"num\">unknown</th>")
        .append("<th>worst lag</th><th>longest loss</th><th class=\"num\">alerts</th>")
        .append("<th>last group drill</th></tr></thead><tbody>");
    for (GroupReadiness g : r.groups()) {
      h.append("<tr><td>")
          .append(esc(g.id()))
          .append("</td><td>")
          .append(g.tier())
          .append("</td><td>")
          .append(esc(String.join(", ", g.members())))
          .append("</td><td class=\"num\">")
          .append(percent(g.green()))
          .append("</td><td class=\"num\">")
          .append(percent(g.withinRpo()))
          .append("</td><td class=\"num\">")
          .append(percent(g.unknown()))
          .append("</td><td>")
          .append(
              g.worstLagSeconds() == null
                  ? "none observed"
                  : seconds(g.worstLagSeconds()) + " (" + esc(g.worstLagResource()) + ")")
          .append("</td><td>")
          .append(
              g.longestLostMillis() > 0
                  ? duration(Duration.ofMillis(g.longestLostMillis()))
                  : "none")
          .append("</td><td class=\"num\">")
          .append(g.readinessAlerts())
          .append("</td><td>")
          .append(lastLine(g.lastDrill()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static void findings(StringBuilder h, ReadinessReport r) {
    h.append("<h2>Open findings (").append(r.findings().size()).append(")</h2>");
    if (r.findings().isEmpty()) {
      h.append("<p>None.</p>");
      return;
    }
    h.append("<table><thead><tr><th>resource</th><th>finding</th><th>detail</th></tr></thead>")
        .append("<tbody>");
    for (Finding f : r.findings()) {
      h.append("<tr><td>")
          .append(esc(f.resourceId()))
          .append("</td><td>")
          .append(esc(f.kind()))
          .append("</td><td>")
          .append(esc(f.message()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static void executions(StringBuilder h, ReadinessReport r) {
    h.append("<h2>Last successful drill, switchover and failover</h2><table><thead><tr>")
        .append("<th>resource</th><th>drill</th><th>switchover</th><th>failover</th></tr>")
        .append("</thead><tbody>");
    for (ResourceReadiness res : r.resources()) {
      h.append("<tr><td>")
          .append(esc(res.id()))
          .append("</td><td>")
          .append(lastLine(res.lastDrill()))
          .append("</td><td>")
          .append(lastLine(res.lastSwitchover()))
          .append("</td><td>")
          .append(lastLine(res.lastFailover()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static String lastLine(LastExecution e) {
    if (e == null) {
      return "never";
    }
    return esc(e.executionId())
        + " ("
        + esc(e.scope())
        + ") "
        + esc(e.succeededAt().toString())
        + ": "
        + esc(e.conclusion());
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s >= 86400) {
      return String.format(Locale.ROOT, "%dd %dh", s / 86400, (s % 86400) / 3600);
    }
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh %dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dm %ds", s / 60, s % 60);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (ch < 0x20 && ch != '\n' && ch != '\t') {
            out.append(' ');
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }
}
