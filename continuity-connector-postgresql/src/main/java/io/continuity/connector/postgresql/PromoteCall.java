package io.continuity.connector.postgresql;

import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Promotes a standby that a step has already judged safe to promote: {@code pg_promote(wait =>
 * false)}, then {@code pg_is_in_recovery()} every 5 ms until it is out of recovery ({@code
 * pg_promote(wait => true)} looks only every 100 ms, and each of those is write downtime).
 */
final class PromoteCall {

  private static final long POLL_MILLIS = 5;

  private PromoteCall() {}

  static StepResult promote(
      StepSupport support,
      Connection c,
      SiteSettings target,
      Lsn promotedAt,
      Map<String, String> facts)
      throws SQLException {
    Duration wait = support.settings.promoteTimeout();
    if (!"true".equals(StepSupport.queryText(c, "select pg_promote(false)::text"))) {
      return support.failed(
          "pg_promote could not signal "
              + target.name()
              + " (see its server log); it is still a standby: nothing changed",
          facts);
    }
    // pg_promote(true) would check only every 100 ms; polling here ends the downtime sooner
    Instant deadline = Instant.now().plus(wait);
    boolean done = false;
    while (!done && Instant.now().isBefore(deadline)) {
      done = "false".equals(StepSupport.queryText(c, "select pg_is_in_recovery()::text"));
      if (!done) {
        pause();
      }
    }
    if (!done) {
      return support.unknown(
          "pg_promote on "
              + target.name()
              + " did not finish within "
              + wait
              + "; its state is unknown: check whether it left recovery",
          facts);
    }
    String walFile = StepSupport.queryText(c, "select pg_walfile_name(pg_current_wal_lsn())");
    long timeline = Long.parseLong(walFile.substring(0, 8), 16);
    facts.put(Facts.PROMOTED_AT_LSN, promotedAt.toString());
    facts.put(Facts.NEW_TIMELINE, Long.toString(timeline));
    return support.succeeded(
        target.name() + " promoted at " + promotedAt + "; now primary on timeline " + timeline,
        facts,
        promotedAt);
  }

  private static void pause() throws SQLException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the promotion", e);
    }
  }
}
