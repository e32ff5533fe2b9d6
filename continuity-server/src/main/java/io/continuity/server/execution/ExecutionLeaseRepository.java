package io.continuity.server.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of runner leases ({@code execution_lease}). A take is one conditional UPDATE ("expired or
 * mine") that also increments the fencing token, so tokens only grow; {@link #fence} is the check
 * every step-log write makes first: it locks the lease row until the writer's transaction ends, so
 * a take-over waits for that write and then sees it.
 */
@Repository
class ExecutionLeaseRepository {

  private final JdbcClient jdbc;

  ExecutionLeaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A lease row as stored. */
  record Lease(String executionId, String owner, long token, Instant expiresAt) {}

  /**
   * Takes the lease when there is none, it expired, or {@code owner} holds it; call outside a
   * transaction (a lost insert race must not abort the caller's).
   *
   * @return the new fencing token, empty when another owner holds a live lease
   */
  OptionalLong acquire(String executionId, String owner, Instant now, Instant expiresAt) {
    try {
      jdbc.sql(
              "insert into execution_lease (execution_id, owner, fencing_token, expires_at)"
                  + " values (:id, :owner, 1, :expires)")
          .param("id", executionId)
          .param("owner", owner)
          .param("expires", SnapshotColumns.time(expiresAt))
          .update();
      return OptionalLong.of(1);
    } catch (DuplicateKeyException taken) {
      // Someone held it before: take it over if it expired (or is ours).
    }
    int rows =
        jdbc.sql(
                "update execution_lease set owner = :owner, fencing_token = fencing_token + 1,"
                    + " expires_at = :expires where execution_id = :id and (expires_at <= :now or"
                    + " owner = :owner)")
            .param("owner", owner)
            .param("expires", SnapshotColumns.time(expiresAt))
            .param("id", executionId)
            .param("now", SnapshotColumns.time(now))
            .update();
    if (rows == 0) {
      return OptionalLong.empty();
    }
    return find(executionId)
        .filter(lease -> lease.owner().equals(owner))
        .map(lease -> OptionalLong.of(lease.token()))
        .orElse(OptionalLong.empty());
  }

  /** Inserts the first lease of a new run (token 1), in the caller's transaction. */
  void insertFirst(String executionId, String owner, Instant expiresAt) {
    jdbc.sql(
            "insert into execution_lease (execution_id, owner, fencing_token, expires_at)"
                + " values (:id, :owner, 1, :expires)")
        .param("id", executionId)
        .param("owner", owner)
        .param("expires", SnapshotColumns.time(expiresAt))
        .update();
  }

  /**
   * Checks that {@code owner} still holds the lease with {@code token} and extends it, locking the
   * row for the rest of the caller's transaction.
   *
   * @return false when the lease was taken by someone else (a newer token): write nothing
   */
  boolean fence(String executionId, String owner, long token, Instant expiresAt) {
    return jdbc.sql(
                "update execution_lease set expires_at = :expires where execution_id = :id and"
                    + " owner = :owner and fencing_token = :token")
            .param("expires", SnapshotColumns.time(expiresAt))
            .param("id", executionId)
            .param("owner", owner)
            .param("token", token)
            .update()
        == 1;
  }

  /** Ends the lease now (when the run ended); false when it was no longer ours. */
  boolean release(String executionId, String owner, long token, Instant now) {
    return fence(executionId, owner, token, now);
  }

  Optional<Lease> find(String executionId) {
    return jdbc.sql("select * from execution_lease where execution_id = :id")
        .param("id", executionId)
        .query((rs, row) -> lease(rs))
        .optional();
  }

  private static Lease lease(ResultSet rs) throws SQLException {
    OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
    return new Lease(
        rs.getString("execution_id"),
        rs.getString("owner"),
        rs.getLong("fencing_token"),
        expires.withOffsetSameInstant(ZoneOffset.UTC).toInstant());
  }
}
