package io.continuity.server.web.api;

import io.continuity.server.execution.EvidenceReport;
import io.continuity.server.execution.ResourceEvidence;
import java.util.List;
import java.util.Map;

/**
 * A small, printable HTML page of an {@link EvidenceReport}, built by hand (no template engine on
 * the class path yet); every value is HTML-escaped.
 */
final class EvidenceHtml {

  private EvidenceHtml() {}

  static String render(EvidenceReport r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evidence ")
        .append(esc(r.executionId()))
        .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:")
        .append("collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #999;padding:4px;")
        .append("text-align:left;vertical-align:top;font-size:90%}.c{font-size:120%;")
        .append("font-weight:bold}</style></head><body>");
    h.append("<h1>Execution evidence ").append(esc(r.executionId())).append("</h1>");
    h.append("<p>")
        .append(esc(r.type()))
        .append(" of ")
        .append(esc(r.scope()))
        .append(" to ")
        .append(esc(r.targetSite()))
        .append(": <strong>")
        .append(esc(r.state()))
        .append("</strong> (report generated ")
        .append(esc(String.valueOf(r.generatedAt())))
        .append(")</p>");
    h.append("<p>Audit anchor at this report: <code>")
        .append(esc(r.auditAnchor().toString()))
        .append("</code> (keep it: GET /api/v1/audit/verify?anchorSeq=")
        .append(r.auditAnchor().seq())
        .append("&amp;anchorHash=")
        .append(esc(r.auditAnchor().hash()))
        .append(" proves the trail was not rewritten up to here)</p>");
    h.append("<h2>Conclusion</h2><p class=\"c\">").append(esc(r.conclusion())).append("</p>");
    evidence(h, "Evidence at confirmation", r.before());
    evidence(h, "Evidence after the run", r.after());
    h.append("<h2>Steps</h2><table><tr><th>#</th><th>resource</th><th>step</th><th>kind</th>")
        .append("<th>started</th><th>finished</th><th>outcome</th><th>actor</th><th>output</th>")
        .append("<th>marker</th><th>audit seq</th></tr>");
    for (EvidenceReport.StepLine s : r.steps()) {
      row(
          h,
          String.valueOf(s.seq()),
          s.resourceId(),
          s.stepId() + " (" + s.name() + ")" + (s.attempt() > 1 ? " attempt " + s.attempt() : ""),
          s.kind(),
          String.valueOf(s.startedAt()),
          s.finishedAt() == null ? "" : s.finishedAt().toString(),
          s.outcome(),
          s.actor(),
          s.output(),
          s.marker() == null ? "" : s.marker(),
          s.auditSeqs().toString());
    }
    h.append("</table>");
    audit(h, "Approvals", r.approvals());
    audit(h, "Overrides and acknowledgements", r.overrides());
    audit(h, "Break-glass", r.breakGlass());
    audit(h, "Audit trail", r.trail());
    return h.append("</body></html>").toString();
  }

  private static void evidence(StringBuilder h, String title, List<ResourceEvidence> list) {
    h.append("<h2>").append(esc(title)).append("</h2>");
    if (list.isEmpty()) {
      h.append("<p>none recorded</p>");
      return;
    }
    h.append("<table><tr><th>resource</th><th>status</th><th>observed</th><th>age s</th>")
        .append("<th>lag bytes</th><th>lag s</th><th>primary marker</th><th>DR marker</th>")
        .append("<th>heartbeat</th></tr>");
    for (ResourceEvidence e : list) {
      row(
          h,
          e.resourceId(),
          e.status() + "/" + e.visibility() + (e.stale() ? " (stale)" : ""),
          String.valueOf(e.observedAt()),
          String.valueOf(e.ageSeconds()),
          String.valueOf(e.lagBytes()),
          String.valueOf(e.lagSeconds()),
          e.primaryMarker() == null ? "unavailable" : e.primaryMarker(),
          e.drMarker() == null ? "unavailable" : e.drMarker(),
          String.valueOf(e.heartbeatWrittenAt()));
    }
    h.append("</table>");
  }

  private static void audit(StringBuilder h, String title, List<EvidenceReport.AuditLine> lines) {
    h.append("<h2>").append(esc(title)).append("</h2>");
    if (lines.isEmpty()) {
      h.append("<p>none</p>");
      return;
    }
    h.append("<table><tr><th>seq</th><th>type</th><th>actor</th><th>at</th><th>reason</th>")
        .append("<th>details</th></tr>");
    for (EvidenceReport.AuditLine a : lines) {
      row(
          h,
          String.valueOf(a.seq()),
          a.type(),
          a.actor(),
          String.valueOf(a.at()),
          a.reason(),
          details(a.details()));
    }
    h.append("</table>");
  }

  private static String details(Map<String, String> details) {
    StringBuilder text = new StringBuilder();
    details.forEach((k, v) -> text.append(k).append('=').append(v).append("; "));
    return text.toString();
  }

  private static void row(StringBuilder h, String... cells) {
    h.append("<tr>");
    for (String cell : cells) {
      h.append("<td>").append(esc(cell)).append("</td>");
    }
    h.append("</tr>");
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
