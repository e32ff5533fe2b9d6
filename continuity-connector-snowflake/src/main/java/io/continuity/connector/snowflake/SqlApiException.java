package io.continuity.connector.snowflake;

import java.util.Set;

/**
 * The SQL API did not run a statement, with what is known about why: whether the request ever left
 * (so whether the statement may have run), the HTTP status, and Snowflake's {@code code}, {@code
 * sqlState} and {@code message} from the error body ([src] snowflakedb/snowflake-rest-api-specs:
 * specifications/sqlapi.yaml, QueryFailureStatus). Messages never hold a token or key.
 */
final class SqlApiException extends Exception {

  /** What happened to the request. */
  enum Kind {
    /** The request never reached Snowflake (connection refused, unknown host): nothing ran. */
    NOT_SENT,
    /** Sent, but no answer came back in time: the statement may or may not have run. */
    NO_ANSWER,
    /** Snowflake refused the credentials (HTTP 401, codes 390xxx): nothing ran. */
    AUTH,
    /** Snowflake ran the statement and it failed (HTTP 422, or 408 timed out and cancelled). */
    FAILED,
    /** Any other refusal (400, 403, 404, 429/5xx after retries): the statement did not run. */
    REFUSED
  }

  /**
   * Login failures the SQL API answers for a bad key or token ("390144 and friends"): 390144 JWT
   * invalid, 390100 incorrect credentials, 390101 user not found, 390102 user disabled/locked,
   * 390318 and 390303 expired/invalid OAuth tokens, 394304 user locked out.
   */
  static final Set<String> AUTH_CODES =
      Set.of("390144", "390100", "390101", "390102", "390318", "390303", "394304");

  private final Kind kind;
  private final int httpStatus;
  private final String code;
  private final String sqlState;

  SqlApiException(Kind kind, int httpStatus, String code, String sqlState, String message) {
    super(message);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code == null ? "" : code;
    this.sqlState = sqlState == null ? "" : sqlState;
  }

  Kind kind() {
    return kind;
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }

  String sqlState() {
    return sqlState;
  }

  /** True when the statement certainly did not change anything. */
  boolean nothingRan() {
    return kind != Kind.NO_ANSWER;
  }

  /** A short description for operators (status, code, message). */
  String describe() {
    StringBuilder s = new StringBuilder();
    if (httpStatus > 0) {
      s.append("HTTP ").append(httpStatus).append(' ');
    }
    if (!code.isEmpty()) {
      s.append("code ").append(code).append(' ');
    }
    if (!sqlState.isEmpty()) {
      s.append("sqlState ").append(sqlState).append(' ');
    }
    return s.append(getMessage()).toString();
  }
}
