package io.continuity.server.report;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.inventory.Resource;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.execution.ExecutionHistory;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.report.ReadinessReport.Finding;
import io.continuity.server.report.ReadinessReport.LastExecution;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The drill policy ({@code continuity.readiness.drill-max-age.tier1/.tier2}): a resource whose last
 * successful drill (of it, or of a group it is in) is older than its tier allows, or that was never
 * drilled, is a finding. Each such resource raises one {@code READINESS_ALERT} (kind {@code
 * DRILL_OVERDUE} or {@code NEVER_DRILLED}, actor {@code system:drill-policy}), which the
 * notification projector sends to the operators and the resource's owner; it is not raised again
 * until a newer drill succeeded and aged in turn. Whether one was raised is read from the audit
 * trail, so a restart or a second instance does not repeat it; the periodic check runs on the
 * instance that probes. The latest findings are kept for the dashboard tiles.
 */
@Service
public class DrillPolicy {

  static final String ACTOR = "system:drill-policy";

  private static final Logger log = LoggerFactory.getLogger(DrillPolicy.class);

  private final Inventory inventory;
  private final ExecutionHistory executions;
  private final AuditTrail audit;
  private final MonitoringStatus monitoring;
  private final ReadinessProperties properties;
  private final Clock clock;
  private volatile Map<String, Finding> findings = Map.of();
  private volatile boolean checked;

  DrillPolicy(
      Inventory inventory,
      ExecutionHistory executions,
      AuditTrail audit,
      MonitoringStatus monitoring,
      ReadinessProperties properties,
      Clock clock) {
    this.inventory = inventory;
    this.executions = executions;
    this.audit = audit;
    this.monitoring = monitoring;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${continuity.readiness.drill-check-every:PT1H}",
      fixedDelayString = "${continuity.readiness.drill-check-every:PT1H}")
  void scheduled() {
    try {
      if (monitoring.probesHere()) {
        check();
      } else {
        findings = evaluate(clock.instant());
        checked = true;
      }
    } catch (RuntimeException e) {
      log.error("The drill policy check failed; the next one retries", e);
    }
  }

  /**
   * Evaluates the policy now and raises the alerts not raised yet.
   *
   * @return the resources alerted by this check
   */
  public List<String> check() {
    Instant now = clock.instant();
    Map<String, Finding> current = evaluate(now);
    Map<String, Instant> alerted = audit.latestByResource(ReadinessReports.READINESS_ALERT, ACTOR);
    Map<String, Instant> drilled = lastDrills();
    List<String> raised = new java.util.ArrayList<>();
    for (Finding f : current.values()) {
      Instant last = alerted.get(f.resourceId());
      Instant drill = drilled.get(f.resourceId());
      boolean already = last != null && (drill == null || last.isAfter(drill));
      if (!already) {
        inventory.resource(f.resourceId()).ifPresent(r -> audit.append(alert(r, f, now)));
        raised.add(f.resourceId());
      }
    }
    findings = current;
    checked = true;
    return raised;
  }

  /**
   * The drill finding of each resource now (none when its drill is recent enough), as of the last
   * check; the first call evaluates.
   */
  public Map<String, Finding> findings() {
    if (!checked) {
      findings = evaluate(clock.instant());
      checked = true;
    }
    return findings;
  }

  private Map<String, Finding> evaluate(Instant now) {
    Map<String, Instant> drilled = lastDrills();
    Map<String, Finding> result = new LinkedHashMap<>();
    for (Resource r : inventory.resources()) {
      Instant at = drilled.get(r.id());
      LastExecution last = at == null ? null : new LastExecution("", "DRILL", "", at, "");
      ReadinessFindings.drill(r, last, properties.drillMaxAge().forTier(r.tier().number()), now)
          .ifPresent(f -> result.put(r.id(), f));
    }
    return Map.copyOf(result);
  }

  /** When each resource was last drilled successfully (directly or with a group). */
  private Map<String, Instant> lastDrills() {
    Map<String, List<String>> members = new HashMap<>();
    inventory.groups().forEach(g -> members.put(g.id(), g.members()));
    Map<String, Instant> last = new HashMap<>();
    for (ExecutionHistory.Succeeded s : executions.succeeded()) {
      if (!"DRILL".equals(s.type())) {
        continue;
      }
      List<String> covered =
          s.group() ? members.getOrDefault(s.scopeId(), List.of()) : List.of(s.scopeId());
      for (String id : covered) {
        last.merge(id, s.succeededAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return last;
  }

  private static GenericAuditEvent alert(Resource r, Finding f, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("tier", String.valueOf(r.tier().number()));
    details.put("kind", f.kind());
    details.put("status", "due for a drill");
    details.put("owner", r.owner());
    return new GenericAuditEvent(
        ReadinessReports.READINESS_ALERT,
        ACTOR,
        now.truncatedTo(ChronoUnit.MICROS),
        Optional.empty(),
        Optional.of(r.id()),
        f.message(),
        Optional.empty(),
        details);
  }
}
