package io.continuity.connector.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The heartbeat row: written with {@code now()} on the primary at most once per the inventory's
 * heartbeat interval (every probe when it gives none), read back on the standby. The table is
 * created by the DBA (see the README): {@code create table <name> (id int primary key, written_at
 * timestamptz not null)}. The name was checked to be a plain (schema-qualified) identifier, so it
 * is safe to splice into SQL.
 */
final class HeartbeatTable {

  private final String table;
  private final Optional<Duration> interval;
  private final AtomicReference<Instant> lastWrite = new AtomicReference<>();

  HeartbeatTable(String table, Optional<Duration> interval) {
    this.table = table;
    this.interval = interval;
  }

  /** Whether the interval since the last write has passed (always, without an interval). */
  boolean due(Instant now) {
    Instant last = lastWrite.get();
    return last == null || interval.isEmpty() || !now.isBefore(last.plus(interval.get()));
  }

  /** Writes the row; returns the value written (the primary's clock). */
  Instant write(Connection c, Instant now) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "insert into "
                    + table
                    + " (id, written_at) values (1, now())"
                    + " on conflict (id) do update set written_at = excluded.written_at"
                    + " returning written_at")) {
      rs.next();
      lastWrite.set(now);
      return rs.getTimestamp(1).toInstant();
    }
  }

  /** The row as the standby shows it, and the standby's own clock when it was read. */
  record Reading(Instant writtenAt, Instant readAt) {}

  Optional<Reading> read(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select written_at, clock_timestamp() from " + table + " where id = 1")) {
      return rs.next()
          ? Optional.of(new Reading(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
          : Optional.empty();
    }
  }
}
