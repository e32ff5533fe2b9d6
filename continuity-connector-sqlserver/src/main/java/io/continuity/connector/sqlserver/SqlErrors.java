package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Connectivity;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

/**
 * SQL Server error numbers the connector acts on (brief §2.8), as mssql-jdbc reports them in {@link
 * SQLException#getErrorCode()}, and the classification of connection failures.
 */
final class SqlErrors {

  /**
   * "The availability replica … cannot become the primary replica. One or more databases are not
   * synchronized or have not joined the availability group": the planned FAILOVER's gate was not
   * met. A refusal, not retriable.
   */
  static final int CANNOT_FAILOVER_UNSYNCHRONIZED = 41142;

  /** "The local availability replica is not in a state that could process the command." */
  static final int REPLICA_NOT_IN_STATE = 41190;

  /** "The connection to the primary replica is not active. The command cannot be processed." */
  static final int PRIMARY_CONNECTION_NOT_ACTIVE = 35250;

  /** Login failed for user. */
  static final int LOGIN_FAILED = 18456;

  private SqlErrors() {}

  /** How a failure to reach or read a replica shows in the probe. */
  static Connectivity classify(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == LOGIN_FAILED) {
        return Connectivity.AUTH_FAILED;
      }
      if (t instanceof SQLException sql && "28000".equals(sql.getSQLState())) {
        return Connectivity.AUTH_FAILED;
      }
      if (t instanceof SQLTimeoutException || t instanceof SocketTimeoutException) {
        return Connectivity.TIMED_OUT;
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("timed out") || message.contains("timeout")) {
        return Connectivity.TIMED_OUT;
      }
    }
    return Connectivity.UNREACHABLE;
  }

  /** True when the server answered with an error (the statement reached it and was refused). */
  static boolean isServerRefusal(SQLException e) {
    return e.getErrorCode() > 0 && (e.getSQLState() == null || !e.getSQLState().startsWith("08"));
  }

  /** A short, secret-free description: error number and message. */
  static String describe(Exception e) {
    if (e instanceof SQLException sql && sql.getErrorCode() > 0) {
      return "SQL Server error " + sql.getErrorCode() + ": " + sql.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
