package io.continuity.server.report;

import io.continuity.connector.api.Capability;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.ReasonCode;
import io.continuity.core.status.Status;
import io.continuity.server.monitoring.ConnectorLookup;
import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.report.ReadinessReport.Finding;
import io.continuity.server.report.ReadinessReport.LastExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The open findings of one resource now: never drilled, drill older than the policy of its tier, a
 * capability a recovery needs missing, RED now, replication marker unavailable now.
 */
final class ReadinessFindings {

  static final String NEVER_DRILLED = "NEVER_DRILLED";
  static final String DRILL_OVERDUE = "DRILL_OVERDUE";
  static final String CAPABILITY_MISSING = "CAPABILITY_MISSING";
  static final String RED_NOW = "RED_NOW";
  static final String MARKER_UNAVAILABLE = "MARKER_UNAVAILABLE";

  private static final List<Capability> NEEDED =
      List.of(Capability.DRILL, Capability.SWITCHOVER, Capability.FAILOVER);

  private ReadinessFindings() {}

  /** The drill findings alone (never drilled, overdue): what the drill policy alerts on. */
  static Optional<Finding> drill(
      Resource resource, LastExecution lastDrill, Duration maxAge, Instant now) {
    if (lastDrill == null) {
      return Optional.of(
          new Finding(
              resource.id(),
              NEVER_DRILLED,
              "No successful drill on record (tier "
                  + resource.tier().number()
                  + " policy: at least every "
                  + Durations.text(maxAge)
                  + ")"));
    }
    Duration age = Duration.between(lastDrill.succeededAt(), now);
    if (age.compareTo(maxAge) > 0) {
      return Optional.of(
          new Finding(
              resource.id(),
              DRILL_OVERDUE,
              "Last successful drill "
                  + lastDrill.executionId()
                  + " was "
                  + Durations.text(age)
                  + " ago, older than the tier "
                  + resource.tier().number()
                  + " policy of "
                  + Durations.text(maxAge)));
    }
    return Optional.empty();
  }

  static List<Finding> of(
      Resource resource,
      Optional<ResourceStatus> status,
      LastExecution lastDrill,
      Duration maxAge,
      ConnectorLookup connector,
      Instant now) {
    List<Finding> findings = new ArrayList<>();
    drill(resource, lastDrill, maxAge, now).ifPresent(findings::add);
    if (connector instanceof ConnectorLookup.Unavailable unavailable) {
      findings.add(
          new Finding(resource.id(), CAPABILITY_MISSING, "No connector: " + unavailable.reason()));
    } else if (connector instanceof ConnectorLookup.Available available) {
      List<String> missing = new ArrayList<>();
      for (Capability capability : NEEDED) {
        if (!available.connector().capabilities().has(capability)) {
          missing.add(capability.name());
        }
      }
      if (!missing.isEmpty()) {
        findings.add(
            new Finding(
                resource.id(),
                CAPABILITY_MISSING,
                "The connector cannot " + String.join(", ", missing).toLowerCase()));
      }
    }
    status.ifPresent(
        s -> {
          if (s.outcome().status() == Status.RED) {
            findings.add(
                new Finding(
                    resource.id(),
                    RED_NOW,
                    s.outcome().reasons().stream()
                        .findFirst()
                        .map(r -> "RED now: " + r.message())
                        .orElse("RED now")));
          }
          s.outcome().reasons().stream()
              .filter(r -> r.code() == ReasonCode.MARKER_UNAVAILABLE)
              .findFirst()
              .ifPresent(
                  r -> findings.add(new Finding(resource.id(), MARKER_UNAVAILABLE, r.message())));
        });
    return findings;
  }

  /** Short human durations: "90d", "3h", "12m". */
  static final class Durations {
    private Durations() {}

    static String text(Duration d) {
      if (d.toDays() >= 1) {
        return d.toDays() + "d";
      }
      if (d.toHours() >= 1) {
        return d.toHours() + "h";
      }
      return Math.max(0, d.toMinutes()) + "m";
    }
  }
}
