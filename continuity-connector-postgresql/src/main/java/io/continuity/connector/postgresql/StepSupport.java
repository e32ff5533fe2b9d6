package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What every step needs: the sites, connections, host actions, and result helpers. */
final class StepSupport {

  final PostgresSettings settings;
  final Sessions sessions;
  final SiteProber prober;
  final HostActions hostActions;
  final PayloadSanitizer sanitizer;
  final HeldSessions held = new HeldSessions();

  StepSupport(
      PostgresSettings settings,
      Sessions sessions,
      SiteProber prober,
      HostActions hostActions,
      PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.sessions = sessions;
    this.prober = prober;
    this.hostActions = hostActions;
    this.sanitizer = sanitizer;
  }

  /** The plan's target and the other site (the current or old primary). */
  record Sites(SiteSettings target, SiteSettings source) {}

  Sites sites(StepContext context) {
    SiteSettings target = settings.site(context.plan().targetSite());
    return new Sites(target, settings.otherThan(target.name()));
  }

  SiteObservation observe(SiteSettings site) throws ConnectorException {
    return prober.probe(site, settings.connectTimeout().plus(settings.statementTimeout()));
  }

  Connection open(SiteSettings site) throws SQLException, ConnectorException {
    return sessions.open(site, settings.connectTimeout().plus(settings.statementTimeout()));
  }

  /**
   * The connection a previous step of this execution held for {@code site}, else a new one; the
   * caller closes it (or {@link HeldSessions#put hands it on}).
   */
  Connection openOrTakeHeld(StepContext context, SiteSettings site)
      throws SQLException, ConnectorException {
    Optional<Connection> c = held.take(context.executionId(), site.name());
    return c.isPresent() ? c.get() : open(site);
  }

  static String queryText(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static Optional<Lsn> lsnFact(StepContext context, String key) {
    String value = context.facts().get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Lsn.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  StepResult succeeded(String output, Map<String, String> facts) {
    return result(StepOutcome.SUCCEEDED, output, facts, null);
  }

  StepResult succeeded(String output, Map<String, String> facts, Lsn marker) {
    return result(StepOutcome.SUCCEEDED, output, facts, marker);
  }

  StepResult failed(String output, Map<String, String> facts) {
    return result(StepOutcome.FAILED, output, facts, null);
  }

  /** The step may or may not have taken effect: someone must look. */
  StepResult unknown(String output, Map<String, String> facts) {
    return result(StepOutcome.OUTCOME_UNKNOWN, output, facts, null);
  }

  StepResult failed(String output) {
    return failed(output, Map.of());
  }

  private StepResult result(
      StepOutcome outcome, String output, Map<String, String> facts, Lsn marker) {
    Map<String, String> clean = new LinkedHashMap<>();
    facts.forEach((k, v) -> clean.put(k, sanitizer.sanitizeText(v)));
    Optional<ReplicationMarker> m = Optional.ofNullable(marker).map(Lsn::marker);
    return new StepResult(outcome, sanitizer.sanitizeText(output), clean, m);
  }

  /**
   * A step whose talk with a site broke off: retriable, and its outcome unknown (a command may have
   * been sent before the connection failed).
   */
  ConnectorException unreachable(String what, SiteSettings site, SQLException e) {
    return ConnectorException.retriable(didNotAnswer(what, site, e), null);
  }

  /**
   * A step that could not open a connection to a site, so sent it nothing: retriable, and it
   * changed nothing.
   */
  ConnectorException notReached(String what, SiteSettings site, SQLException e) {
    return ConnectorException.notStarted(
        didNotAnswer(what, site, e) + "; nothing was sent to it", true, null);
  }

  private String didNotAnswer(String what, SiteSettings site, SQLException e) {
    return what
        + ": site "
        + site.name()
        + " did not answer ("
        + SqlFailures.detail(e, sanitizer)
        + ")";
  }

  /** Sleeps a polling interval, turning an interrupt into a retriable failure. */
  static void pause(Duration d) throws ConnectorException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable("interrupted while waiting", null);
    }
  }

  static boolean before(Instant deadline) {
    return Instant.now().isBefore(deadline);
  }

  /** The smaller of a step's own timeout and the time the engine gave it. */
  static Duration limit(Duration stepTimeout, Duration given) {
    return stepTimeout.compareTo(given) <= 0 ? stepTimeout : given;
  }
}
