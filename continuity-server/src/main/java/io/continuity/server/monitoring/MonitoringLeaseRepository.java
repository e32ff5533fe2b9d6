package io.continuity.server.monitoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the prober lease ({@code monitoring_lease}), the same pattern as the execution
 * engine's runner lease: a take is one conditional UPDATE ("expired or mine") that increments the
 * fencing token, so tokens only grow; {@link #holds} locks the row for the rest of the caller's
 * transaction, so a take-over waits for a write in progress and the old holder's next write fails.
 */
final class MonitoringLeaseRepository {

  private final JdbcClient jdbc;

  MonitoringLeaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A lease row as stored. */
  record Lease(String name, String owner, long token, Instant expiresAt) {}

  /**
   * Takes the lease when there is none, it expired, or {@code owner} holds it; call outside a
   * transaction (a lost insert race must not abort the caller's).
   *
   * @return the new fencing token, empty when another owner holds a live lease
   */
  OptionalLong acquire(String name, String owner, Instant now, Instant expiresAt) {
    try {
      jdbc.sql(
              "insert into monitoring_lease (name, owner, fencing_token, expires_at) values"
                  + " (:name, :owner, 1, :expires)")
          .param("name", name)
          .param("owner", owner)
          .param("expires", utc(expiresAt))
          .update();
      return OptionalLong.of(1);
    } catch (DuplicateKeyException taken) {
      // Someone held it before: take it over if it expired (or is ours).
    }
    int rows =
        jdbc.sql(
                "update monitoring_lease set owner = :owner, fencing_token = fencing_token + 1,"
                    + " expires_at = :expires where name = :name and (expires_at <= :now or"
                    + " owner = :owner)")
            .param("owner", owner)
            .param("expires", utc(expiresAt))
            .param("name", name)
            .param("now", utc(now))
            .update();
    if (rows == 0) {
      return OptionalLong.empty();
    }
    return find(name)
        .filter(lease -> lease.owner().equals(owner))
        .map(lease -> OptionalLong.of(lease.token()))
        .orElse(OptionalLong.empty());
  }

  /** Extends the lease when {@code owner} still holds it with {@code token}; false when lost. */
  boolean renew(String name, String owner, long token, Instant expiresAt) {
    return jdbc.sql(
                "update monitoring_lease set expires_at = :expires where name = :name and owner"
                    + " = :owner and fencing_token = :token")
            .param("expires", utc(expiresAt))
            .param("name", name)
            .param("owner", owner)
            .param("token", token)
            .update()
        == 1;
  }

  /**
   * True when {@code owner} still holds the lease with {@code token} and it has not expired; locks
   * the row until the caller's transaction ends.
   */
  boolean holds(String name, String owner, long token, Instant now) {
    return jdbc.sql(
            "select fencing_token from monitoring_lease where name = :name and owner = :owner"
                + " and fencing_token = :token and expires_at > :now for update")
        .param("name", name)
        .param("owner", owner)
        .param("token", token)
        .param("now", utc(now))
        .query(Long.class)
        .optional()
        .isPresent();
  }

  Optional<Lease> find(String name) {
    return jdbc.sql("select * from monitoring_lease where name = :name")
        .param("name", name)
        .query(
            (rs, row) ->
                new Lease(
                    rs.getString("name"),
                    rs.getString("owner"),
                    rs.getLong("fencing_token"),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
