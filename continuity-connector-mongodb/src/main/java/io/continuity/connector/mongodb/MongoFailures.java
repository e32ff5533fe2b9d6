package io.continuity.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;

/**
 * What a driver failure means: for a probe, the member's connectivity; for a step, whether the
 * command could have taken effect. Codes are MongoDB's ({@code src/mongo/base/error_codes.yml},
 * brief §1.9).
 */
final class MongoFailures {

  static final int UNAUTHORIZED = 13;
  static final int AUTHENTICATION_FAILED = 18;
  static final int NOT_SECONDARY = 95;
  static final int PRIMARY_STEPPED_DOWN = 189;
  static final int EXCEEDED_TIME_LIMIT = 262;
  static final int NOT_WRITABLE_PRIMARY = 10107;
  static final int COMMAND_NOT_FOUND = 59;

  private MongoFailures() {}

  /** A member that failed a probe: refused sign-in or privileges, silence, or unreachable. */
  static Connectivity connectivity(Exception e) {
    if (e instanceof MongoSecurityException) {
      return Connectivity.AUTH_FAILED;
    }
    if (e instanceof MongoCommandException c
        && (c.getErrorCode() == UNAUTHORIZED || c.getErrorCode() == AUTHENTICATION_FAILED)) {
      return Connectivity.AUTH_FAILED;
    }
    if (e instanceof MongoTimeoutException
        || e instanceof MongoOperationTimeoutException
        || e instanceof MongoSocketReadTimeoutException
        || e instanceof MongoExecutionTimeoutException) {
      Throwable cause = e.getCause();
      if (cause instanceof MongoSecurityException) {
        return Connectivity.AUTH_FAILED;
      }
      String text = String.valueOf(e.getMessage());
      if (text.contains("MongoSecurityException") || text.contains("Exception authenticating")) {
        return Connectivity.AUTH_FAILED;
      }
      if (text.contains("MongoSocketOpenException") || text.contains("Connection refused")) {
        return Connectivity.UNREACHABLE;
      }
      return Connectivity.TIMED_OUT;
    }
    return Connectivity.UNREACHABLE;
  }

  /** The server's error code, or -1. */
  static int code(Exception e) {
    return e instanceof MongoException m ? m.getCode() : -1;
  }

  /**
   * A step's command failed with {@code e}: the server's answer (a command error) means nothing
   * changed unless the code says otherwise; no answer (socket, timeout) means the outcome is
   * unknown — re-probe roles, never re-send (brief §1.9).
   */
  static ConnectorException forStep(
      String what, String member, Exception e, PayloadSanitizer sanitizer) {
    String detail = sanitizer.sanitizeText(describe(e));
    if (e instanceof MongoCommandException) {
      return ConnectorException.notStarted(
          what + " on " + member + " was refused: " + detail, false, null);
    }
    if (e instanceof MongoSecurityException
        || (e instanceof MongoTimeoutException && !(e instanceof MongoOperationTimeoutException))) {
      // no server was selected, so nothing was sent
      return ConnectorException.notStarted(
          what + " on " + member + " could not start: " + detail, true, null);
    }
    if (e instanceof MongoSocketException || e instanceof MongoOperationTimeoutException) {
      return ConnectorException.outcomeUnknown(
          what
              + " on "
              + member
              + " sent, answer lost ("
              + detail
              + "): re-probe the roles before anything else",
          null);
    }
    return ConnectorException.outcomeUnknown(what + " on " + member + ": " + detail, null);
  }

  static String describe(Exception e) {
    if (e instanceof MongoCommandException c) {
      return "error " + c.getErrorCode() + " " + c.getErrorCodeName() + ": " + c.getErrorMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
