package io.continuity.server.web.api;

import io.continuity.server.inventory.Inventory;
import io.continuity.server.report.ReadinessCsv;
import io.continuity.server.report.ReadinessHtml;
import io.continuity.server.report.ReadinessPdf;
import io.continuity.server.report.ReadinessReport;
import io.continuity.server.report.ReadinessReports;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readiness over a period ({@code GET /api/v1/reports/readiness?from=&to=&tier=&group=}) as JSON,
 * CSV ({@code Accept: text/csv} or {@code .csv}), HTML and PDF ({@code Accept: application/pdf} or
 * {@code .pdf}). {@code from} and {@code to} are ISO-8601 instants or dates (midnight UTC); by
 * default the last 30 days. Like the audit trail, any authenticated Continuity user may read it.
 */
@RestController
@RequestMapping("/api/v1/reports")
public class ReadinessReportController {

  /** The longest period one report covers. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final ReadinessReports reports;
  private final Inventory inventory;
  private final Clock clock;

  public ReadinessReportController(ReadinessReports reports, Inventory inventory, Clock clock) {
    this.reports = reports;
    this.inventory = inventory;
    this.clock = clock;
  }

  @GetMapping(path = "/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
  public ReadinessReport json(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    return report(from, to, tier, group);
  }

  @GetMapping(path = "/readiness", produces = "text/csv")
  public ResponseEntity<String> csv(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    ReadinessReport report = report(from, to, tier, group);
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(report, "csv"))
        .body(ReadinessCsv.render(report));
  }

  @GetMapping(path = "/readiness.csv")
  public ResponseEntity<String> csvFile(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    return csv(from, to, tier, group);
  }

  @GetMapping(path = "/readiness", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> html(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(ReadinessHtml.render(report(from, to, tier, group)));
  }

  @GetMapping(path = "/readiness", produces = MediaType.APPLICATION_PDF_VALUE)
  public ResponseEntity<byte[]> pdf(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    ReadinessReport report = report(from, to, tier, group);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(report, "pdf"))
        .body(ReadinessPdf.render(report));
  }

  @GetMapping(path = "/readiness.pdf")
  public ResponseEntity<byte[]> pdfFile(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String group) {
    return pdf(from, to, tier, group);
  }

  private ReadinessReport report(String from, String to, String tier, String group) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new BadRequestException(
          "from", "parameter 'from' (" + start + ") must be before 'to' (" + end + ").");
    }
    if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
      throw new BadRequestException(
          "from",
          "the period from " + start + " to " + end + " is longer than 366 days; ask for less.");
    }
    if (!start.isBefore(clock.instant())) {
      throw new BadRequestException(
          "from", "parameter 'from' (" + start + ") is in the future: nothing to report yet.");
    }
    Integer tierNumber = null;
    if (tier != null && !tier.isBlank()) {
      if (!tier.strip().equals("1") && !tier.strip().equals("2")) {
        throw new BadRequestException(
            "tier", "parameter 'tier' must be 1 or 2, got '" + tier + "'.");
      }
      tierNumber = Integer.valueOf(tier.strip());
    }
    String groupId = group == null || group.isBlank() ? null : group.strip();
    if (groupId != null && inventory.group(groupId).isEmpty()) {
      throw new BadRequestException(
          "group", "parameter 'group': no group '" + groupId + "' in the inventory.");
    }
    return reports.report(start, end, tierNumber, groupId);
  }

  private static Instant instant(String name, String value) {
    String v = value.strip();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name,
          "parameter '"
              + name
              + "' must be an ISO-8601 instant (2026-01-01T00:00:00Z) or date (2026-01-01), got '"
              + value
              + "'.");
    }
  }

  private static String attachment(ReadinessReport report, String extension) {
    String name =
        "readiness-"
            + report.from().toString().replace(':', '-')
            + "--"
            + report.end().toString().replace(':', '-')
            + "."
            + extension;
    return ContentDisposition.attachment().filename(name).build().toString();
  }
}
