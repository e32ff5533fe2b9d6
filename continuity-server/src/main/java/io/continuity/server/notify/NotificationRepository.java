package io.continuity.server.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of notifications ({@code notification}, {@code notify_cursor}); runs on H2 and
 * PostgreSQL. Every state change is a conditional UPDATE, so two server instances sharing the store
 * never both move the cursor from one value or both hold one claim.
 */
@Repository
class NotificationRepository {

  private static final String COLUMNS =
      "id, created_at, audit_seq, event_type, execution_id, resource_id, actor, reason, recipient,"
          + " channel, address, subject, body, status, attempts, next_attempt_at, last_error,"
          + " sent_at";

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The last audit seq turned into notifications. */
  long cursor() {
    return jdbc.sql("select last_seq from notify_cursor where id = 1")
        .query(Long.class)
        .optional()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "notify_cursor has no row: the V7 migration did not run completely"));
  }

  /**
   * Moves the cursor from {@code from} to {@code to} when it still stands at {@code from}; locks
   * the row until the transaction ends, so a concurrent mover waits and then finds it moved.
   *
   * @return false when another instance moved it first
   */
  boolean advanceCursor(long from, long to) {
    return jdbc.sql("update notify_cursor set last_seq = :to where id = 1 and last_seq = :from")
            .param("to", to)
            .param("from", from)
            .update()
        == 1;
  }

  void insert(PlannedNotification n, Instant now) {
    boolean inbox = n.channel() == Channel.INBOX;
    jdbc.sql(
            "insert into notification (created_at, audit_seq, event_type, execution_id,"
                + " resource_id, actor, reason, recipient, channel, address, subject, body, status,"
                + " attempts, next_attempt_at, sent_at) values (:now, :seq, :type, :executionId,"
                + " :resourceId, :actor, :reason, :recipient, :channel, :address, :subject, :body,"
                + " :status, 0, :next, :sentAt)")
        .param("now", time(now))
        .param("seq", n.event().seq())
        .param("type", n.event().type())
        .param("executionId", n.event().executionId())
        .param("resourceId", n.event().resourceId())
        .param("actor", n.event().actor())
        .param("reason", n.event().reason())
        .param("recipient", n.recipient())
        .param("channel", n.channel().name())
        .param("address", n.address())
        .param("subject", n.subject())
        .param("body", n.body())
        .param("status", n.initialStatus().name())
        .param("next", inbox ? null : time(now))
        .param("sentAt", inbox ? time(now) : null)
        .update();
  }

  /** Ids of pending notifications due now and not claimed by a live lease, oldest first. */
  List<Long> due(Instant now, int limit) {
    return jdbc.sql(
            "select id from notification where status = 'PENDING' and next_attempt_at <= :now"
                + " and (claimed_until is null or claimed_until < :now)"
                + " order by id fetch first :limit rows only")
        .param("now", time(now))
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /**
   * Claims a due notification until {@code until} under {@code token}.
   *
   * @return the claimed notification, empty when another dispatcher claimed or settled it first
   */
  Optional<Notification> claim(long id, String token, Instant now, Instant until) {
    int claimed =
        jdbc.sql(
                "update notification set claim_token = :token, claimed_until = :until"
                    + " where id = :id and status = 'PENDING' and next_attempt_at <= :now"
                    + " and (claimed_until is null or claimed_until < :now)")
            .param("token", token)
            .param("until", time(until))
            .param("id", id)
            .param("now", time(now))
            .update();
    if (claimed != 1) {
      return Optional.empty();
    }
    return jdbc.sql("select " + COLUMNS + " from notification where id = :id")
        .param("id", id)
        .query((rs, row) -> notification(rs))
        .optional();
  }

  /** Records a successful send; false when the claim was lost meanwhile. */
  boolean markSent(long id, String token, Instant now) {
    return jdbc.sql(
                "update notification set status = 'SENT', attempts = attempts + 1, sent_at = :now,"
                    + " next_attempt_at = null, claim_token = null, claimed_until = null"
                    + " where id = :id and claim_token = :token")
            .param("now", time(now))
            .param("id", id)
            .param("token", token)
            .update()
        == 1;
  }

  /**
   * Records a failed attempt: PENDING again from {@code nextAttempt}, or FAILED when {@code
   * nextAttempt} is null. False when the claim was lost meanwhile.
   */
  boolean markFailedAttempt(long id, String token, String error, Instant nextAttempt) {
    return jdbc.sql(
                "update notification set status = :status, attempts = attempts + 1,"
                    + " last_error = :error, next_attempt_at = :next, claim_token = null,"
                    + " claimed_until = null where id = :id and claim_token = :token")
            .param("status", nextAttempt == null ? "FAILED" : "PENDING")
            .param("error", error)
            .param("next", nextAttempt == null ? null : time(nextAttempt))
            .param("id", id)
            .param("token", token)
            .update()
        == 1;
  }

  NotificationPage find(NotificationQuery q) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    q.recipient()
        .ifPresent(
            r -> {
              conditions.add("recipient = :recipient");
              params.put("recipient", r);
            });
    q.channel()
        .ifPresent(
            c -> {
              conditions.add("channel = :channel");
              params.put("channel", c.name());
            });
    q.executionId()
        .ifPresent(
            e -> {
              conditions.add("execution_id = :executionId");
              params.put("executionId", e);
            });
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    long total =
        jdbc.sql("select count(*) from notification" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<Notification> items =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from notification"
                    + where
                    + " order by id desc offset :offset rows fetch first :size rows only")
            .params(params)
            .param("offset", (long) q.page() * q.size())
            .param("size", q.size())
            .query((rs, row) -> notification(rs))
            .list();
    return new NotificationPage(items, q.page(), q.size(), total);
  }

  private static Notification notification(ResultSet rs) throws SQLException {
    return new Notification(
        rs.getLong("id"),
        instant(rs, "created_at"),
        rs.getLong("audit_seq"),
        rs.getString("event_type"),
        rs.getString("execution_id"),
        rs.getString("resource_id"),
        rs.getString("actor"),
        rs.getString("reason"),
        rs.getString("recipient"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("address"),
        rs.getString("subject"),
        rs.getString("body"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        rs.getString("last_error"),
        instant(rs, "sent_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
