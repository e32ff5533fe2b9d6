package io.continuity.server.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of {@code cli_login_code}: one-time codes, deleted when taken or expired. */
@Repository
class CliLoginCodeRepository {

  /** A code waiting for its exchange. */
  record Pending(String owner, String challenge, Instant expiresAt) {}

  private final JdbcClient jdbc;

  CliLoginCodeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String codeHash, Pending pending) {
    jdbc.sql(
            "insert into cli_login_code (code_hash, owner, challenge, expires_at)"
                + " values (:hash, :owner, :challenge, :expires)")
        .param("hash", codeHash)
        .param("owner", pending.owner())
        .param("challenge", pending.challenge())
        .param("expires", time(pending.expiresAt()))
        .update();
  }

  /** Takes a code out of the store: present only for the one caller whose delete removed it. */
  Optional<Pending> take(String codeHash) {
    Optional<Pending> found =
        jdbc.sql("select owner, challenge, expires_at from cli_login_code where code_hash = :hash")
            .param("hash", codeHash)
            .query(
                (rs, n) ->
                    new Pending(
                        rs.getString("owner"),
                        rs.getString("challenge"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
            .optional();
    if (found.isEmpty()) {
      return found;
    }
    int deleted =
        jdbc.sql("delete from cli_login_code where code_hash = :hash")
            .param("hash", codeHash)
            .update();
    return deleted == 1 ? found : Optional.empty();
  }

  void deleteExpired(Instant now) {
    jdbc.sql("delete from cli_login_code where expires_at <= :now")
        .param("now", time(now))
        .update();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
