package io.continuity.connector.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The heartbeat row: each probe writes {@code now()} on the primary and reads the replicated value
 * on the standby. The table is created by the DBA (see the README): {@code create table <name> (id
 * int primary key, written_at timestamptz not null)}. The name was checked to be a plain
 * (schema-qualified) identifier, so it is safe to splice into SQL.
 */
final class HeartbeatTable {

  private final String table;

  HeartbeatTable(String table) {
    this.table = table;
  }

  void write(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "insert into "
              + table
              + " (id, written_at) values (1, now())"
              + " on conflict (id) do update set written_at = excluded.written_at");
    }
  }

  Optional<Instant> read(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select written_at from " + table + " where id = 1")) {
      return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
    }
  }
}
