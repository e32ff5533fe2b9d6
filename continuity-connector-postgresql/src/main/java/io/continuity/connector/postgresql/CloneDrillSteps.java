package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.support.HostActionRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drill on an isolated clone of the standby: the target's {@code clone} host action makes a copy
 * with no replication link to the pair and prints its endpoint; the clone is promoted and must
 * answer the drill query and commit a write; the {@code discard-clone} action throws it away. The
 * production sites are never promoted, stopped or written: the clone step refuses an endpoint that
 * is one of them.
 */
final class CloneDrillSteps {

  static final Pattern ENDPOINT =
      Pattern.compile("(?m)^clone-endpoint:\\s*(\\S+?):(\\d{1,5})\\s*$");
  static final String WRITE_TABLE = "continuity_drill_write";
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final StepSupport support;

  CloneDrillSteps(StepSupport support) {
    this.support = support;
  }

  /** Runs the clone action and records the endpoint it printed. */
  StepResult create(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    HostActionRunner.Outcome outcome =
        support.hostActions.run(
            "clone", sites.target(), sites.source(), context.executionId(), timeout);
    if (!outcome.succeeded()) {
      return support.failed(
          "clone action of "
              + sites.target().name()
              + " exited with "
              + outcome.exitCode()
              + ":\n"
              + outcome.output()
              + discardNote(context, timeout));
    }
    Optional<SiteSettings> clone = endpoint(outcome.output(), sites.target());
    if (clone.isEmpty()) {
      return support.failed(
          "the clone action of "
              + sites.target().name()
              + " must print the clone's endpoint as a line 'clone-endpoint: <host>:<port>'."
              + " Output:\n"
              + outcome.output()
              + discardNote(context, timeout));
    }
    Optional<String> production = productionSiteAt(clone.get());
    if (production.isPresent()) {
      return support.failed(
          "REFUSED: the clone endpoint "
              + clone.get().host()
              + ":"
              + clone.get().port()
              + " is production site "
              + production.get()
              + "; a clone action must make a separate server");
    }
    return support.succeeded(
        "clone of " + sites.target().name() + " is up at " + clone.get().endpoint(),
        Map.of(
            Facts.CLONE_HOST, clone.get().host(),
            Facts.CLONE_PORT, Integer.toString(clone.get().port())));
  }

  /** Promotes the clone, runs the drill query and commits a write on it. */
  StepResult validate(StepContext context, Duration timeout) throws ConnectorException {
    SiteSettings target = support.sites(context).target();
    Optional<SiteSettings> found = cloneOf(context, target);
    if (found.isEmpty()) {
      return support.failed("no clone endpoint recorded: run create-clone first");
    }
    SiteSettings clone = found.get();
    Optional<String> production = productionSiteAt(clone);
    if (production.isPresent()) {
      return support.failed(
          "REFUSED: "
              + clone.endpoint()
              + " is production site "
              + production.get()
              + ", not a clone; nothing was promoted");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    try (Connection c = support.open(clone)) {
      Instant started = Instant.now();
      if ("true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        Duration wait = support.settings.promoteTimeout();
        Sessions.allowLongCall(c, wait.plusSeconds(5));
        String done =
            StepSupport.queryText(
                c, "select pg_promote(true, " + Math.max(1, wait.toSeconds()) + ")::text");
        if (!"true".equals(done)) {
          return support.failed(
              "the clone did not leave recovery within " + wait + discardNote(context, timeout));
        }
        facts.put("clonePromoteMillis", Long.toString(millisSince(started)));
      }
      int rows = 0;
      try (Statement s = c.createStatement()) {
        s.execute("set statement_timeout = " + support.settings.statementTimeout().toMillis());
        try (ResultSet rs = s.executeQuery(support.settings.drillQuery())) {
          while (rs.next()) {
            rows++;
          }
        }
        c.setAutoCommit(false);
        s.execute(
            "create table if not exists "
                + WRITE_TABLE
                + " (execution_id text not null, written_at timestamptz not null)");
        try (var insert =
            c.prepareStatement("insert into " + WRITE_TABLE + " values (?, clock_timestamp())")) {
          insert.setString(1, context.executionId());
          insert.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
      }
      String lsn = StepSupport.queryText(c, "select pg_current_wal_lsn()::text");
      facts.put("cloneRows", Integer.toString(rows));
      facts.put("cloneWriteLsn", lsn);
      return support.succeeded(
          "the clone at "
              + clone.endpoint()
              + " was promoted, returned "
              + rows
              + " row(s) for the drill query and committed a write (WAL at "
              + lsn
              + ") in "
              + millisSince(started)
              + " ms; production roles unchanged",
          facts);
    } catch (SQLException e) {
      return support.failed(
          "validating the clone at "
              + clone.endpoint()
              + " failed: "
              + SqlFailures.detail(e, support.sanitizer)
              + discardNote(context, timeout),
          facts);
    }
  }

  /** Runs the discard action and checks that the clone's endpoint no longer answers. */
  StepResult discard(StepContext context, Duration timeout) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    HostActionRunner.Outcome outcome =
        support.hostActions.run(
            "discard-clone", sites.target(), sites.source(), context.executionId(), timeout);
    if (!outcome.succeeded()) {
      return support.failed(
          "discard-clone action of "
              + sites.target().name()
              + " exited with "
              + outcome.exitCode()
              + ": the clone may still run; discard it by hand:\n"
              + outcome.output());
    }
    Optional<SiteSettings> clone = cloneOf(context, sites.target());
    if (clone.isPresent() && !awaitClosed(clone.get())) {
      return support.failed(
          "the discard-clone action succeeded but "
              + clone.get().host()
              + ":"
              + clone.get().port()
              + " still accepts connections after "
              + CLOSE_WAIT
              + ": stop the clone by hand");
    }
    return support.succeeded(
        "clone of "
            + sites.target().name()
            + " discarded"
            + clone.map(c -> "; " + c.host() + ":" + c.port() + " is closed").orElse("")
            + "\n"
            + outcome.output(),
        Map.of("cloneDiscarded", "true"));
  }

  /** Best effort after a failure, so a failed drill does not leave a clone behind. */
  private String discardNote(StepContext context, Duration timeout) {
    try {
      StepResult discarded = discard(context, timeout);
      return discarded.succeeded()
          ? "\n(the clone was discarded)"
          : "\n(discarding the clone failed too: " + discarded.output() + ")";
    } catch (ConnectorException e) {
      return "\n(discarding the clone failed too: " + e.getMessage() + ")";
    }
  }

  private Optional<SiteSettings> cloneOf(StepContext context, SiteSettings target) {
    String host = context.facts().get(Facts.CLONE_HOST);
    String port = context.facts().get(Facts.CLONE_PORT);
    if (host == null || port == null) {
      return Optional.empty();
    }
    return Optional.of(clone(target, host, Integer.parseInt(port)));
  }

  static Optional<SiteSettings> endpoint(String output, SiteSettings target) {
    Matcher m = ENDPOINT.matcher(output);
    SiteSettings found = null;
    while (m.find()) {
      int port = Integer.parseInt(m.group(2));
      if (port >= 1 && port <= 65535) {
        found = clone(target, m.group(1), port);
      }
    }
    return Optional.ofNullable(found);
  }

  private static SiteSettings clone(SiteSettings target, String host, int port) {
    return new SiteSettings(
        target.name() + "-clone", target.role(), host, port, target.database(), Map.of());
  }

  private Optional<String> productionSiteAt(SiteSettings clone) {
    return support.settings.sites().stream()
        .filter(s -> s.host().equalsIgnoreCase(clone.host()) && s.port() == clone.port())
        .map(SiteSettings::name)
        .findFirst();
  }

  private static boolean awaitClosed(SiteSettings clone) throws ConnectorException {
    Instant deadline = Instant.now().plus(CLOSE_WAIT);
    do {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(clone.host(), clone.port()), 500);
      } catch (IOException closed) {
        return true;
      }
      StepSupport.pause(Duration.ofMillis(100));
    } while (StepSupport.before(deadline));
    return false;
  }

  private static long millisSince(Instant started) {
    return Duration.between(started, Instant.now()).toMillis();
  }
}
