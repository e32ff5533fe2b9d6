package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A rehearsal that changes no role: a read-only query on the standby and replay progress. */
final class DrillSteps {

  private final StepSupport support;

  DrillSteps(StepSupport support) {
    this.support = support;
  }

  StepResult validateReads(StepContext context) throws ConnectorException {
    SiteSettings target = support.sites(context).target();
    Instant started = Instant.now();
    try (Connection c = support.open(target)) {
      if (!"true".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"))) {
        return support.failed(target.name() + " is not a standby: a drill reads a standby");
      }
      c.setAutoCommit(false);
      c.setReadOnly(true);
      int rows = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(support.settings.drillQuery())) {
        while (rs.next()) {
          rows++;
        }
      } finally {
        c.rollback();
      }
      long millis = Duration.between(started, Instant.now()).toMillis();
      return support.succeeded(
          "the drill query returned "
              + rows
              + " row(s) on "
              + target.name()
              + " in "
              + millis
              + " ms",
          Map.of("rows", Integer.toString(rows), "queryMillis", Long.toString(millis)));
    } catch (SQLException e) {
      return support.failed(
          "the drill query failed on "
              + target.name()
              + ": "
              + SqlFailures.detail(e, support.sanitizer));
    }
  }

  StepResult observeReplay(StepContext context) throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    SiteObservation primary = support.observe(sites.source());
    SiteObservation first = support.observe(sites.target());
    if (!primary.isPrimary() || !first.isStandby() || first.replayLsn() == null) {
      return support.failed(
          "cannot observe replay: "
              + CheckSteps.describe(primary, "primary")
              + "; "
              + CheckSteps.describe(first, "standby"));
    }
    StepSupport.pause(support.settings.drillWindow());
    SiteObservation second = support.observe(sites.target());
    if (!second.isStandby() || second.replayLsn() == null) {
      return support.failed(CheckSteps.describe(second, "standby"));
    }
    long replayed = second.replayLsn().bytesAfter(first.replayLsn());
    boolean caughtUp = first.replayLsn().isAtOrAfter(primary.currentLsn());
    Map<String, String> facts =
        Map.of(
            "replayStart", first.replayLsn().toString(),
            "replayEnd", second.replayLsn().toString(),
            "primaryLsnAtStart", primary.currentLsn().toString(),
            "bytesReplayed", Long.toString(replayed));
    if (replayed == 0 && !caughtUp) {
      return support.failed(
          sites.target().name()
              + " replayed nothing in "
              + support.settings.drillWindow()
              + " while "
              + primary.currentLsn().bytesAfter(first.replayLsn())
              + " bytes were waiting",
          facts);
    }
    return support.succeeded(
        sites.target().name()
            + " replayed "
            + replayed
            + " bytes in "
            + support.settings.drillWindow()
            + (caughtUp ? " (caught up)" : ""),
        facts,
        second.replayLsn());
  }
}
