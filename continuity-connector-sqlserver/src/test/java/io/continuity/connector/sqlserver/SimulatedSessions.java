package io.continuity.connector.sqlserver;

import io.continuity.lab.sqlserver.AgSimulator;

/**
 * The connector's {@link AgSessions} seam over the lab's availability-group simulator, for the
 * tests that skip the wire (the wire tests put {@code TdsResponder} and mssql-jdbc in between).
 */
final class SimulatedSessions {

  private SimulatedSessions() {}

  static AgSessions over(AgSimulator sim) {
    return (member, intent, timeout) -> {
      io.continuity.lab.sqlserver.AgReplicaSession session =
          sim.open(member.name(), intent == AgSessions.Intent.READ_ONLY);
      return new AgSession() {
        @Override
        public java.util.List<Row> query(String sql, Object... parameters)
            throws java.sql.SQLException {
          return session.query(sql, parameters).stream().map(Row::new).toList();
        }

        @Override
        public void execute(String sql) throws java.sql.SQLException {
          session.execute(sql);
        }

        @Override
        public void close() {
          session.close();
        }
      };
    };
  }
}
