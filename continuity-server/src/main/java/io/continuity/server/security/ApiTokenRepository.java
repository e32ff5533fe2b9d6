package io.continuity.server.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of {@code api_token}: tokens are inserted, revoked and touched, never deleted. */
@Repository
class ApiTokenRepository {

  private static final String COLUMNS =
      "id, owner, name, created_at, expires_at, revoked_at, last_used_at";

  private final JdbcClient jdbc;

  ApiTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ApiToken token, String secretHash) {
    jdbc.sql(
            "insert into api_token (id, owner, name, secret_hash, created_at, expires_at) values"
                + " (:id, :owner, :name, :hash, :created, :expires)")
        .param("id", token.id())
        .param("owner", token.owner())
        .param("name", token.name())
        .param("hash", secretHash)
        .param("created", time(token.createdAt()))
        .param("expires", time(token.expiresAt()))
        .update();
  }

  Optional<ApiToken> findByHash(String secretHash) {
    return jdbc.sql("select " + COLUMNS + " from api_token where secret_hash = :hash")
        .param("hash", secretHash)
        .query(ApiTokenRepository::token)
        .optional();
  }

  Optional<ApiToken> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from api_token where id = :id")
        .param("id", id)
        .query(ApiTokenRepository::token)
        .optional();
  }

  List<ApiToken> ofOwner(String owner) {
    return jdbc.sql(
            "select " + COLUMNS + " from api_token where owner = :owner order by created_at desc")
        .param("owner", owner)
        .query(ApiTokenRepository::token)
        .list();
  }

  /** Revokes a token that is not revoked yet; false when it was already. */
  boolean revoke(String id, Instant at) {
    return jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null")
            .param("at", time(at))
            .param("id", id)
            .update()
        == 1;
  }

  /** Notes a use, at most once a minute per token (one cheap conditional update). */
  void touch(String id, Instant at) {
    jdbc.sql(
            "update api_token set last_used_at = :at where id = :id and (last_used_at is null or"
                + " last_used_at < :minuteAgo)")
        .param("at", time(at))
        .param("minuteAgo", time(at.minusSeconds(60)))
        .param("id", id)
        .update();
  }

  private static ApiToken token(ResultSet rs, int row) throws SQLException {
    return new ApiToken(
        rs.getString("id"),
        rs.getString("owner"),
        rs.getString("name"),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
