package io.continuity.server.report;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.execution.ExecutionHistory;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceConnectors;
import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.report.ReadinessReport.Finding;
import io.continuity.server.report.ReadinessReport.GroupReadiness;
import io.continuity.server.report.ReadinessReport.LastExecution;
import io.continuity.server.report.ReadinessReport.ResourceReadiness;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Builds readiness reports: the compliance figures from the daily rollup and one ordered pass over
 * the rest of the stored history ({@link ReadinessCompliance}), one grouped count of readiness
 * alerts, one query over the successful executions, and the live status, whatever the number of
 * resources.
 */
@Service
public class ReadinessReports {

  /** The audit event type of a readiness alert (recorded by monitoring and by the drill policy). */
  public static final String READINESS_ALERT = "READINESS_ALERT";

  private final Inventory inventory;
  private final ReadinessCompliance compliance;
  private final MonitoringStatus monitoring;
  private final ResourceConnectors connectors;
  private final ExecutionHistory executions;
  private final AuditTrail audit;
  private final ReadinessProperties properties;
  private final Clock clock;

  ReadinessReports(
      Inventory inventory,
      ReadinessCompliance compliance,
      MonitoringStatus monitoring,
      ResourceConnectors connectors,
      ExecutionHistory executions,
      AuditTrail audit,
      ReadinessProperties properties,
      Clock clock) {
    this.inventory = inventory;
    this.compliance = compliance;
    this.monitoring = monitoring;
    this.connectors = connectors;
    this.executions = executions;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The report of {@code [from, to)} for the resources of {@code tier} (null: every tier) in {@code
   * group} (null: every resource).
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to}, or the group is
   *     not in the inventory
   */
  public ReadinessReport report(Instant from, Instant to, Integer tier, String group) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    Optional<Group> only = group == null ? Optional.empty() : inventory.group(group);
    if (group != null && only.isEmpty()) {
      throw new IllegalArgumentException("no group '" + group + "' in the inventory");
    }
    Instant now = clock.instant();
    Instant end = to.isAfter(now) ? (from.isAfter(now) ? from : now) : to;
    List<Resource> selected =
        inventory.resources().stream()
            .filter(r -> tier == null || r.tier().number() == tier)
            .filter(r -> only.isEmpty() || only.get().contains(r.id()))
            .sorted(Comparator.comparing(Resource::id))
            .toList();
    Map<String, Compliance> compliance = compliance(selected, from, end);
    Map<String, Long> alerts = audit.countByResource(READINESS_ALERT, from, end);
    List<Group> groups =
        inventory.groups().stream()
            .filter(g -> only.isEmpty() || g.id().equals(group))
            .filter(g -> selected.stream().anyMatch(r -> g.contains(r.id())))
            .sorted(Comparator.comparing(Group::id))
            .toList();
    LastExecutions last = new LastExecutions(executions, inventory.groups());
    Map<String, ResourceStatus> statusNow =
        monitoring.resources().stream()
            .collect(Collectors.toMap(s -> s.resource().id(), Function.identity(), (a, b) -> a));
    List<ResourceReadiness> resources = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Resource r : selected) {
      LastExecution drill = last.of(r.id(), "DRILL");
      Optional<ResourceStatus> status = Optional.ofNullable(statusNow.get(r.id()));
      List<Finding> own =
          ReadinessFindings.of(
              r,
              status,
              drill,
              properties.drillMaxAge().forTier(r.tier().number()),
              connectors.lookup(r),
              now);
      findings.addAll(own);
      resources.add(
          new ResourceReadiness(
              r.id(),
              r.name(),
              r.tier().number(),
              r.owner(),
              inventory.groups().stream().filter(g -> g.contains(r.id())).map(Group::id).toList(),
              r.rpo().target().toMillis() / 1000.0,
              compliance.get(r.id()),
              alerts.getOrDefault(r.id(), 0L),
              status
                  .map(s -> s.outcome().status().name() + "/" + s.outcome().visibility().name())
                  .orElse("UNKNOWN"),
              drill,
              last.of(r.id(), "SWITCHOVER"),
              last.of(r.id(), "FAILOVER"),
              own));
    }
    List<GroupReadiness> groupLines = new ArrayList<>();
    for (Group g : groups) {
      groupLines.add(groupReadiness(g, resources, last));
    }
    return new ReadinessReport(
        from,
        to,
        end,
        now,
        tier,
        group,
        audit.head(),
        properties.drillMaxAge().asText(),
        resources,
        groupLines,
        findings);
  }

  /**
   * Compliance of every selected resource: whole rolled-up days from the rollup, the rest from one
   * pass over the history ({@link ReadinessCompliance}).
   */
  Map<String, Compliance> compliance(List<Resource> selected, Instant from, Instant end) {
    return compliance.of(selected, from, end);
  }

  private static GroupReadiness groupReadiness(
      Group g, List<ResourceReadiness> resources, LastExecutions last) {
    List<ResourceReadiness> members = resources.stream().filter(r -> g.contains(r.id())).toList();
    double n = Math.max(1, members.size());
    Double worst = null;
    Instant worstAt = null;
    String worstOf = null;
    long longestLost = 0;
    long alerts = 0;
    double[] shares = new double[6];
    for (ResourceReadiness m : members) {
      Compliance c = m.compliance();
      shares[0] += c.green();
      shares[1] += c.yellow();
      shares[2] += c.red();
      shares[3] += c.lost();
      shares[4] += c.unknown();
      shares[5] += c.withinRpo();
      if (c.worstLagSeconds() != null && (worst == null || c.worstLagSeconds() > worst)) {
        worst = c.worstLagSeconds();
        worstAt = c.worstLagAt();
        worstOf = m.id();
      }
      longestLost = Math.max(longestLost, c.longestLostMillis());
      alerts += m.readinessAlerts();
    }
    return new GroupReadiness(
        g.id(),
        g.name(),
        g.tier().number(),
        g.members(),
        shares[0] / n,
        shares[1] / n,
        shares[2] / n,
        shares[3] / n,
        shares[4] / n,
        shares[5] / n,
        worst,
        worstAt,
        worstOf,
        longestLost,
        alerts,
        last.ofGroup(g.id(), "DRILL"));
  }

  /** The last success per resource and type, from one query, conclusions read once each. */
  static final class LastExecutions {
    private final Map<String, ExecutionHistory.Succeeded> latest = new HashMap<>();
    private final Map<String, String> conclusions = new HashMap<>();
    private final ExecutionHistory executions;

    LastExecutions(ExecutionHistory executions, List<Group> groups) {
      this.executions = executions;
      Map<String, Group> byId = new HashMap<>();
      groups.forEach(g -> byId.put(g.id(), g));
      for (ExecutionHistory.Succeeded s : executions.succeeded()) {
        if (s.group()) {
          keep("group:" + s.scopeId() + "|" + s.type(), s);
          Group g = byId.get(s.scopeId());
          if (g != null) {
            g.members().forEach(m -> keep(m + "|" + s.type(), s));
          }
        } else {
          keep(s.scopeId() + "|" + s.type(), s);
        }
      }
    }

    private void keep(String key, ExecutionHistory.Succeeded s) {
      latest.merge(key, s, (a, b) -> b.succeededAt().isAfter(a.succeededAt()) ? b : a);
    }

    LastExecution of(String resourceId, String type) {
      return line(latest.get(resourceId + "|" + type));
    }

    LastExecution ofGroup(String groupId, String type) {
      return line(latest.get("group:" + groupId + "|" + type));
    }

    private LastExecution line(ExecutionHistory.Succeeded s) {
      if (s == null) {
        return null;
      }
      String conclusion = conclusions.computeIfAbsent(s.id(), this::conclusion);
      return new LastExecution(
          s.id(),
          s.type(),
          (s.group() ? "group " : "resource ") + s.scopeId(),
          s.succeededAt(),
          conclusion);
    }

    private String conclusion(String id) {
      try {
        return executions.conclusion(id);
      } catch (RuntimeException e) {
        return "evidence unavailable: " + e.getMessage();
      }
    }
  }
}
