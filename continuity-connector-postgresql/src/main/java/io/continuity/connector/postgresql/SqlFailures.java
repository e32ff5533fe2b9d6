package io.continuity.connector.postgresql;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.PayloadSanitizer;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Sorts a failed JDBC call into the connectivity the SPI reports, with a secret-free detail. */
final class SqlFailures {

  private SqlFailures() {}

  static Connectivity classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28")) {
      return Connectivity.AUTH_FAILED;
    }
    if (state.equals("57014")) {
      return Connectivity.TIMED_OUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return Connectivity.TIMED_OUT;
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return Connectivity.UNREACHABLE;
      }
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("timed out") || message.contains("timeout")) {
      return Connectivity.TIMED_OUT;
    }
    return Connectivity.UNREACHABLE;
  }

  /** A short detail: the SQLState and the driver's message, scrubbed of known secrets. */
  static String detail(SQLException e, PayloadSanitizer sanitizer) {
    String state = e.getSQLState() == null ? "" : "SQLState " + e.getSQLState() + ": ";
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return sanitizer.sanitizeText(state + message);
  }
}
