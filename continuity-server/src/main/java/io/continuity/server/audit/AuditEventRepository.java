package io.continuity.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL behind the audit trail: plain statements that run on both H2 and PostgreSQL. */
final class AuditEventRepository {

  private static final String COLUMNS =
      "seq, event_type, actor, occurred_at, execution_id, resource_id, reason, change_ticket,"
          + " details, prev_hash, hash";

  private final JdbcClient jdbc;

  AuditEventRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The chain head, locked until the surrounding transaction ends. */
  Head lockHead() {
    return jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
        .query(
            (rs, row) -> {
              long lastSeq = rs.getLong("last_seq");
              return new Head(rs.wasNull() ? 0 : lastSeq, rs.getString("last_hash"));
            })
        .optional()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "audit_head has no row: the V1 migration did not run completely"));
  }

  /** The recorded head without locking, for verification. */
  Head readHead() {
    return jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
        .query(
            (rs, row) -> {
              long lastSeq = rs.getLong("last_seq");
              return new Head(rs.wasNull() ? 0 : lastSeq, rs.getString("last_hash"));
            })
        .single();
  }

  /** The stored hash of one event, empty when there is no such event. */
  Optional<String> hashAt(long seq) {
    return jdbc.sql("select hash from audit_event where seq = :seq")
        .param("seq", seq)
        .query(String.class)
        .optional();
  }

  void insert(AuditRecord r) {
    jdbc.sql(
            "insert into audit_event ("
                + COLUMNS
                + ") values (:seq, :type, :actor, :occurredAt, :executionId, :resourceId,"
                + " :reason, :changeTicket, :details, :prevHash, :hash)")
        .param("seq", r.seq())
        .param("type", r.type())
        .param("actor", r.actor())
        .param("occurredAt", OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC))
        .param("executionId", r.executionId())
        .param("resourceId", r.resourceId())
        .param("reason", r.reason())
        .param("changeTicket", r.changeTicket())
        .param("details", DetailsJson.write(r.details()))
        .param("prevHash", r.prevHash())
        .param("hash", r.hash())
        .update();
  }

  void moveHead(long seq, String hash) {
    jdbc.sql("update audit_head set last_seq = :seq, last_hash = :hash where id = 1")
        .param("seq", seq)
        .param("hash", hash)
        .update();
  }

  /** Up to {@code limit} stored rows with a sequence number above {@code afterSeq}, in order. */
  List<StoredRow> rowsAfter(long afterSeq, int limit) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from audit_event where seq > :after order by seq fetch first :limit rows only")
        .param("after", afterSeq)
        .param("limit", limit)
        .query((rs, row) -> storedRow(rs))
        .list();
  }

  /** The time of the latest event of {@code type} by {@code actor}, per resource. */
  java.util.Map<String, java.time.Instant> latestByResource(String type, String actor) {
    java.util.Map<String, java.time.Instant> latest = new java.util.HashMap<>();
    jdbc.sql(
            "select resource_id, max(occurred_at) from audit_event where event_type = :type and"
                + " actor = :actor and resource_id is not null group by resource_id")
        .param("type", type)
        .param("actor", actor)
        .query(
            (ResultSet rs) -> {
              latest.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            });
    return latest;
  }

  /** How many events of {@code type} each resource has with {@code from <= occurred_at < to}. */
  java.util.Map<String, Long> countByResource(
      String type, java.time.Instant from, java.time.Instant to) {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    jdbc.sql(
            "select resource_id, count(*) from audit_event where event_type = :type and"
                + " resource_id is not null and occurred_at >= :from and occurred_at < :to"
                + " group by resource_id")
        .param("type", type)
        .param("from", java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
        .param("to", java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
        .query(
            (ResultSet rs) -> {
              counts.put(rs.getString(1), rs.getLong(2));
            });
    return counts;
  }

  AuditPage find(AuditQuery q) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (q.executionId() != null) {
      conditions.add("execution_id = :executionId");
      params.put("executionId", q.executionId());
    }
    if (q.resourceId() != null) {
      conditions.add("resource_id = :resourceId");
      params.put("resourceId", q.resourceId());
    }
    if (q.actor() != null) {
      conditions.add("actor = :actor");
      params.put("actor", q.actor());
    }
    if (q.from() != null) {
      conditions.add("occurred_at >= :from");
      params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
    }
    if (q.to() != null) {
      conditions.add("occurred_at < :to");
      params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    long total =
        jdbc.sql("select count(*) from audit_event" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<AuditRecord> items =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from audit_event"
                    + where
                    + " order by seq offset :offset rows fetch first :size rows only")
            .params(params)
            .param("offset", (long) q.page() * q.size())
            .param("size", q.size())
            .query((rs, row) -> storedRow(rs).toRecord())
            .list();
    return new AuditPage(items, q.page(), q.size(), total);
  }

  private static StoredRow storedRow(ResultSet rs) throws SQLException {
    return new StoredRow(
        rs.getLong("seq"),
        rs.getString("event_type"),
        rs.getString("actor"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("execution_id"),
        rs.getString("resource_id"),
        rs.getString("reason"),
        rs.getString("change_ticket"),
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  /** The chain head as recorded in {@code audit_head}: 0 and the genesis hash when empty. */
  record Head(long lastSeq, String lastHash) {}

  /** A row as stored, details still as JSON text (verification must not trust it parses). */
  record StoredRow(
      long seq,
      String type,
      String actor,
      java.time.Instant occurredAt,
      String executionId,
      String resourceId,
      String reason,
      String changeTicket,
      String detailsJson,
      String prevHash,
      String hash) {

    /**
     * @throws IllegalArgumentException when the stored details are not valid JSON
     */
    AuditRecord toRecord() {
      return new AuditRecord(
          seq,
          type,
          actor,
          occurredAt,
          executionId,
          resourceId,
          reason,
          changeTicket,
          DetailsJson.read(detailsJson),
          prevHash,
          hash);
    }
  }
}
