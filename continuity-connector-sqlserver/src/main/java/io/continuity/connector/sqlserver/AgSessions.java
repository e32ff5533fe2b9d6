package io.continuity.connector.sqlserver;

import io.continuity.connector.api.MemberEndpoint;
import java.sql.SQLException;
import java.time.Duration;

/** Opens sessions to availability replicas, each directly (never through the listener). */
interface AgSessions {

  /** The intent a session declares at login (mssql-jdbc {@code applicationIntent}). */
  enum Intent {
    READ_WRITE,
    READ_ONLY
  }

  /**
   * Connects to one replica.
   *
   * @param timeout bounds the login and every statement of the session
   */
  AgSession open(MemberEndpoint member, Intent intent, Duration timeout) throws SQLException;
}
