package io.continuity.connector.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a promote step finds when it runs again after an interruption and the target is already out
 * of recovery: which timeline it is on now and, where the server lets us read its timeline history
 * file, the exact position at which it left recovery (the switch point). Together with the timeline
 * recorded before the run, this tells a promotion by the interrupted attempt (done: the step
 * succeeds) from a primary that was never promoted by this run (nothing to trust: the step fails
 * and someone must look).
 */
record PriorPromotion(long timeline, Optional<Lsn> switchPoint) {

  /** Reads the target's current timeline and, if readable, its switch point. */
  static PriorPromotion read(Connection target) throws SQLException {
    String walFile = StepSupport.queryText(target, "select pg_walfile_name(pg_current_wal_lsn())");
    long timeline = Long.parseLong(walFile.substring(0, 8), 16);
    return new PriorPromotion(timeline, switchPoint(target, timeline));
  }

  /**
   * The last line of {@code pg_wal/<timeline>.history} is {@code parent-tli <tab> switch-lsn <tab>
   * reason}: where the previous timeline ended. Reading it needs superuser or {@code
   * pg_read_server_files}; without them the switch point stays unknown.
   */
  static Optional<Lsn> switchPoint(Connection target, long timeline) {
    if (timeline <= 1) {
      return Optional.empty();
    }
    String file = String.format("pg_wal/%08X.history", timeline);
    try {
      String history = StepSupport.queryText(target, "select pg_read_file('" + file + "')");
      return parseSwitchPoint(history);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  static Optional<Lsn> parseSwitchPoint(String history) {
    if (history == null) {
      return Optional.empty();
    }
    Optional<Lsn> last = Optional.empty();
    for (String line : history.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      if (fields.length >= 2) {
        try {
          last = Optional.of(Lsn.parse(fields[1]));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return last;
  }

  /** Whether this timeline is newer than the one the pair was on before the run. */
  boolean isNewerThan(Optional<Long> before) {
    return before.map(b -> timeline > b).orElse(timeline > 1);
  }
}
