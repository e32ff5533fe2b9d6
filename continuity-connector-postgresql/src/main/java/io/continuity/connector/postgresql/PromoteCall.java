package io.continuity.connector.postgresql;

import io.continuity.connector.api.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** {@code pg_promote(wait => true)} on a standby that a step has already judged safe to promote. */
final class PromoteCall {

  private PromoteCall() {}

  static StepResult promote(
      StepSupport support,
      Connection c,
      SiteSettings target,
      Lsn promotedAt,
      Map<String, String> facts)
      throws SQLException {
    Duration wait = support.settings.promoteTimeout();
    Sessions.allowLongCall(c, wait.plusSeconds(5));
    String done =
        StepSupport.queryText(
            c, "select pg_promote(true, " + Math.max(1, wait.toSeconds()) + ")::text");
    if (!"true".equals(done)) {
      return support.failed(
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
}
