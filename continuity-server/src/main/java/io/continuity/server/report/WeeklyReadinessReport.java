package io.continuity.server.report;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.report.ReadinessReport.ResourceReadiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The weekly readiness report e-mail ({@code continuity.readiness.weekly-report.recipients}, sent
 * on {@code .cron}, default Monday 07:00): the report of the 7 days before, summarised per
 * resource, recorded as a {@code READINESS_REPORT} audit event whose notification the notification
 * channels deliver (an e-mail to each configured address through SMTP, and webhooks that want it),
 * with a link to the full report in the console. Sent by the instance that probes, once per run.
 */
@Service
public class WeeklyReadinessReport {

  static final String ACTOR = "system:readiness-report";
  static final String TYPE = "READINESS_REPORT";
  static final int MAX_LINES = 50;

  private static final Logger log = LoggerFactory.getLogger(WeeklyReadinessReport.class);

  private final ReadinessReports reports;
  private final AuditTrail audit;
  private final MonitoringStatus monitoring;
  private final ReadinessProperties properties;
  private final Clock clock;
  private final String baseUrl;

  WeeklyReadinessReport(
      ReadinessReports reports,
      AuditTrail audit,
      MonitoringStatus monitoring,
      ReadinessProperties properties,
      Clock clock,
      @Value("${continuity.notify.base-url:http://localhost:8080}") String baseUrl) {
    this.reports = reports;
    this.audit = audit;
    this.monitoring = monitoring;
    this.properties = properties;
    this.clock = clock;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Scheduled(cron = "${continuity.readiness.weekly-report.cron:0 0 7 * * MON}")
  void scheduled() {
    try {
      if (monitoring.probesHere()) {
        send();
      }
    } catch (RuntimeException e) {
      log.error("The weekly readiness report could not be sent", e);
    }
  }

  /**
   * Records the report of the last 7 days for the configured recipients (nothing when there are
   * none); the notification projector then e-mails it.
   */
  public Optional<AuditRecord> send() {
    if (properties.weeklyReport().recipients().isEmpty()) {
      return Optional.empty();
    }
    Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(Duration.ofDays(7));
    ReadinessReport report = reports.report(from, to, null, null);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("from", from.toString());
    details.put("to", to.toString());
    details.put("resources", String.valueOf(report.resources().size()));
    details.put("findings", String.valueOf(report.findings().size()));
    details.put("auditSeqAtReport", String.valueOf(report.auditHead().seq()));
    details.put("summary", summary(report));
    details.put("open", baseUrl + "/reports?from=" + day(from) + "&to=" + day(to));
    details.put("recipients", String.join(",", properties.weeklyReport().recipients()));
    return Optional.of(
        audit.append(
            new GenericAuditEvent(
                TYPE,
                ACTOR,
                to,
                Optional.empty(),
                Optional.empty(),
                "weekly readiness report",
                Optional.empty(),
                details)));
  }

  static String summary(ReadinessReport report) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (ResourceReadiness r : report.resources()) {
      if (shown == MAX_LINES) {
        text.append("... and ")
            .append(report.resources().size() - MAX_LINES)
            .append(" more resources (see the full report)\n");
        break;
      }
      Compliance c = r.compliance();
      text.append(
          String.format(
              Locale.ROOT,
              "%s (tier %d): green %.1f%%, within RPO %.1f%%, unknown %.1f%%, lost %.1f%%,"
                  + " alerts %d%s%n",
              r.id(),
              r.tier(),
              c.green() * 100,
              c.withinRpo() * 100,
              c.unknown() * 100,
              c.lost() * 100,
              r.readinessAlerts(),
              r.findings().isEmpty()
                  ? ""
                  : ", findings "
                      + String.join(
                          " ", r.findings().stream().map(ReadinessReport.Finding::kind).toList())));
      shown++;
    }
    return text.toString();
  }

  private static String day(Instant at) {
    return at.toString().substring(0, 10);
  }
}
