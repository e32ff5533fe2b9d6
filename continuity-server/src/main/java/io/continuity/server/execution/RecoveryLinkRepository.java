package io.continuity.server.execution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which request recovers which FAILED execution, and how ({@code execution_recovery}). */
@Repository
class RecoveryLinkRepository {

  /** The request {@code executionId} recovers the FAILED {@code recoversId} by {@code option}. */
  record RecoveryLink(
      String executionId, String recoversId, RecoveryOption option, Instant createdAt) {}

  private final JdbcClient jdbc;

  RecoveryLinkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(RecoveryLink link) {
    jdbc.sql(
            "insert into execution_recovery (execution_id, recovers_id, recovery_option,"
                + " created_at) values (:id, :recovers, :option, :at)")
        .param("id", link.executionId())
        .param("recovers", link.recoversId())
        .param("option", link.option().name())
        .param("at", OffsetDateTime.ofInstant(link.createdAt(), ZoneOffset.UTC))
        .update();
  }

  /** The link of a recovery request; empty for any other request. */
  Optional<RecoveryLink> of(String executionId) {
    return jdbc.sql(
            "select execution_id, recovers_id, recovery_option, created_at from"
                + " execution_recovery where execution_id = :id")
        .param("id", executionId)
        .query(RecoveryLinkRepository::row)
        .optional();
  }

  /** The recovery requests of a FAILED execution, oldest first. */
  List<RecoveryLink> recovering(String failedId) {
    return jdbc.sql(
            "select execution_id, recovers_id, recovery_option, created_at from"
                + " execution_recovery where recovers_id = :id order by created_at, execution_id")
        .param("id", failedId)
        .query(RecoveryLinkRepository::row)
        .list();
  }

  private static RecoveryLink row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new RecoveryLink(
        rs.getString("execution_id"),
        rs.getString("recovers_id"),
        RecoveryOption.valueOf(rs.getString("recovery_option")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
