package io.continuity.connector.sqlserver;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.MemberEndpoint;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.MemberProber;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What every step needs: sessions to members, one observation of all replicas, facts, results. */
final class StepSupport {

  final AgSettings settings;
  final ConnectorConfig config;
  final AgSessions sessions;
  final MemberProber prober;
  final PayloadSanitizer sanitizer;

  StepSupport(
      AgSettings settings,
      ConnectorConfig config,
      AgSessions sessions,
      MemberProber prober,
      PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.config = config;
    this.sessions = sessions;
    this.prober = prober;
    this.sanitizer = sanitizer;
  }

  /** The plan's source and target sites. */
  record Sites(SiteEndpoint source, SiteEndpoint target) {}

  Sites sites(OperationPlan plan) {
    SiteEndpoint target =
        settings.site(plan.targetSite()).orElseThrow(() -> new IllegalStateException("no target"));
    return new Sites(sourceFor(target), target);
  }

  /** The site the role moves away from: the configured primary, or a DR site for a failback. */
  SiteEndpoint sourceFor(SiteEndpoint target) {
    if (target.role() == SiteRole.PRIMARY) {
      return settings.sites().stream()
          .filter(s -> s.role() == SiteRole.DR)
          .findFirst()
          .orElseThrow();
    }
    return settings.configuredPrimary();
  }

  /** Every replica at once, within {@code timeout}. */
  AgTopology observe(Duration timeout) {
    Duration bound =
        timeout.compareTo(Duration.ofSeconds(15)) < 0 ? timeout : Duration.ofSeconds(15);
    return new AgTopology(
        prober.probeAll(
            config,
            bound,
            (site, member, deadline) -> {
              try (AgSession s =
                  sessions.open(member, AgSessions.Intent.READ_WRITE, deadline.remaining())) {
                return ReplicaView.read(s, member.name(), settings);
              }
            },
            SqlErrors::classify));
  }

  MemberEndpoint member(String name) throws ConnectorException {
    for (SiteEndpoint site : settings.sites()) {
      for (MemberEndpoint m : site.members()) {
        if (m.name().equals(name)) {
          return m;
        }
      }
    }
    throw ConnectorException.notStarted(
        "member '" + name + "' is not configured for " + settings.resourceId(), false, null);
  }

  /** Opens a session; a failure changed nothing. */
  AgSession open(String memberName, AgSessions.Intent intent, Duration timeout)
      throws ConnectorException {
    MemberEndpoint member = member(memberName);
    try {
      return sessions.open(member, intent, bound(timeout));
    } catch (SQLException e) {
      throw ConnectorException.notStarted(
          sanitizer.sanitizeText("cannot connect to " + memberName + ": " + SqlErrors.describe(e)),
          true,
          null);
    }
  }

  /** Reads one member's view; a failure changed nothing. */
  ReplicaView view(String memberName, Duration timeout) throws ConnectorException {
    try (AgSession s = open(memberName, AgSessions.Intent.READ_WRITE, timeout)) {
      return ReplicaView.read(s, memberName, settings);
    } catch (SQLException e) {
      throw ConnectorException.notStarted(
          sanitizer.sanitizeText("cannot read " + memberName + ": " + SqlErrors.describe(e)),
          true,
          null);
    }
  }

  /** Reads one member's view, empty when it cannot be reached. */
  Optional<ReplicaView> tryView(String memberName, Duration timeout) {
    try {
      return Optional.of(view(memberName, timeout));
    } catch (ConnectorException e) {
      return Optional.empty();
    }
  }

  String fact(StepContext context, String key) throws ConnectorException {
    return context
        .fact(key)
        .orElseThrow(
            () ->
                ConnectorException.notStarted(
                    "fact '" + key + "' is missing: the plan's precheck must run first",
                    false,
                    null));
  }

  StepResult succeeded(String output, Map<String, String> facts) {
    return new StepResult(
        StepOutcome.SUCCEEDED, sanitizer.sanitizeText(output), facts, Optional.empty());
  }

  StepResult failed(String output, Map<String, String> facts) {
    return new StepResult(
        StepOutcome.FAILED, sanitizer.sanitizeText(output), facts, Optional.empty());
  }

  static Duration bound(Duration timeout) {
    return timeout.compareTo(Duration.ofSeconds(15)) < 0 ? timeout : Duration.ofSeconds(15);
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
