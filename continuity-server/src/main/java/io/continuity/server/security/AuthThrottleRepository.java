package io.continuity.server.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code auth_throttle}: one row per (user name, client address) with failures. Updates
 * happen under a row lock ({@code select ... for update}) taken by {@link #lock}, which first
 * inserts the row when it is missing, so concurrent failures of one pair on any instance count each
 * once (H2 and PostgreSQL alike).
 */
@Repository
class AuthThrottleRepository {

  private static final String COLUMNS =
      "failures, window_started, last_failure_at, strikes, blocked_until, audited_minute,"
          + " unaudited";

  private final JdbcClient jdbc;

  AuthThrottleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The pair's state, read without a lock. */
  Optional<ThrottleState> find(String username, String address) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from auth_throttle where username = :username and client_address = :address")
        .param("username", username)
        .param("address", address)
        .query(AuthThrottleRepository::state)
        .optional();
  }

  /**
   * Locks the pair's row until the end of the caller's transaction, inserting an empty one first
   * when there is none ({@code on conflict do nothing}: two instances racing insert it once);
   * returns the state before this call (empty when the row was just created).
   */
  Optional<ThrottleState> lock(String username, String address, Instant now) {
    int inserted =
        jdbc.sql(
                "insert into auth_throttle (username, client_address, "
                    + COLUMNS
                    + ") values (:username, :address, 0, :now, :now, 0, null, null, 0)"
                    + " on conflict do nothing")
            .param("username", username)
            .param("address", address)
            .param("now", time(now))
            .update();
    Optional<ThrottleState> locked = selectForUpdate(username, address);
    return inserted == 1 ? Optional.empty() : locked;
  }

  void save(String username, String address, ThrottleState s) {
    jdbc.sql(
            "update auth_throttle set failures = :failures, window_started = :windowStarted,"
                + " last_failure_at = :lastFailure, strikes = :strikes, blocked_until = :blocked,"
                + " audited_minute = :audited, unaudited = :unaudited"
                + " where username = :username and client_address = :address")
        .param("failures", s.failures())
        .param("windowStarted", time(s.windowStarted()))
        .param("lastFailure", time(s.lastFailureAt()))
        .param("strikes", s.strikes())
        .param("blocked", s.blockedUntil().map(AuthThrottleRepository::time).orElse(null))
        .param("audited", s.auditedMinute().map(AuthThrottleRepository::time).orElse(null))
        .param("unaudited", s.unaudited())
        .param("username", username)
        .param("address", address)
        .update();
  }

  void delete(String username, String address) {
    jdbc.sql("delete from auth_throttle where username = :username and client_address = :address")
        .param("username", username)
        .param("address", address)
        .update();
  }

  /** Removes pairs neither blocked nor failing since {@code cutoff}; returns how many. */
  int purgeQuietSince(Instant cutoff, Instant now) {
    return jdbc.sql(
            "delete from auth_throttle where last_failure_at < :cutoff"
                + " and (blocked_until is null or blocked_until < :now)")
        .param("cutoff", time(cutoff))
        .param("now", time(now))
        .update();
  }

  private Optional<ThrottleState> selectForUpdate(String username, String address) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from auth_throttle where username = :username and client_address = :address"
                + " for update")
        .param("username", username)
        .param("address", address)
        .query(AuthThrottleRepository::state)
        .optional();
  }

  private static ThrottleState state(ResultSet rs, int row) throws SQLException {
    return new ThrottleState(
        rs.getInt("failures"),
        instant(rs, "window_started"),
        instant(rs, "last_failure_at"),
        rs.getInt("strikes"),
        Optional.ofNullable(instant(rs, "blocked_until")),
        Optional.ofNullable(instant(rs, "audited_minute")),
        rs.getInt("unaudited"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
