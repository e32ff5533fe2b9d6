package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.AppliedPolicy;
import io.continuity.core.approval.Approval;
import io.continuity.core.approval.Decision;
import io.continuity.core.execution.BreakGlass;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.execution.ExecutionWindow;
import io.continuity.core.execution.Failure;
import io.continuity.core.inventory.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * The SQL behind execution requests: one {@code execution_request} row per snapshot and one {@code
 * execution_approval} row per decision. Saves are optimistic ({@link #update}); reads rebuild the
 * full {@link ExecutionRequestSnapshot}. Plain statements that run on H2 and PostgreSQL.
 */
@Repository
class ExecutionRequestRepository {

  private final JdbcClient jdbc;

  ExecutionRequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new request (version 1) with its approvals. */
  void insert(ExecutionRequestSnapshot s) {
    insert(s, Optional.empty());
  }

  /**
   * Stores a new request (version 1) with its approvals; {@code occurrence} names the
   * drill-schedule occurrence it was created for (unique: a second insert for it fails with a
   * duplicate key).
   */
  void insert(ExecutionRequestSnapshot s, Optional<String> occurrence) {
    jdbc.sql(
            "insert into execution_request (id, operation_type, scope_kind, scope_id, target_site,"
                + " tier, created_by, created_at, change_ticket, reason, approvals_required,"
                + " pending_approval_ttl_ms, approved_not_started_ttl_ms,"
                + " confirmer_may_be_approver, retry_of, window_not_before, window_not_after,"
                + " schedule_occurrence, "
                + SnapshotColumns.MUTABLE_COLUMNS
                + ") values (:id, :type, :scopeKind, :scopeId, :targetSite, :tier, :createdBy,"
                + " :createdAt, :changeTicket, :reason, :approvalsRequired, :pendingTtl,"
                + " :approvedTtl, :confirmerMayBeApprover, :retryOf, :windowNotBefore,"
                + " :windowNotAfter, :occurrence, "
                + SnapshotColumns.MUTABLE_PARAMS
                + ")")
        .params(SnapshotColumns.fixed(s))
        .params(SnapshotColumns.mutable(s))
        .param("occurrence", occurrence.orElse(null))
        .update();
    insertApprovals(s, 0);
  }

  /**
   * Saves the request where the stored version is still {@code expectedVersion}, and appends the
   * approvals it gained since.
   *
   * @param alreadyStored how many approvals the loaded snapshot had
   * @return false when another save came first (nothing was written)
   */
  boolean update(ExecutionRequestSnapshot s, long expectedVersion, int alreadyStored) {
    int rows =
        jdbc.sql(
                "update execution_request set "
                    + SnapshotColumns.MUTABLE_ASSIGNMENTS
                    + " where id = :id and version = :expectedVersion")
            .params(SnapshotColumns.mutable(s))
            .param("id", s.id())
            .param("expectedVersion", expectedVersion)
            .update();
    if (rows == 0) {
      return false;
    }
    insertApprovals(s, alreadyStored);
    return true;
  }

  Optional<ExecutionRequestSnapshot> find(String id) {
    return jdbc.sql("select * from execution_request where id = :id")
        .param("id", id)
        .query((rs, row) -> snapshot(rs, approvals(id)))
        .optional();
  }

  /** The stored version, or empty when there is no such request. */
  Optional<Long> version(String id) {
    return jdbc.sql("select version from execution_request where id = :id")
        .param("id", id)
        .query(Long.class)
        .optional();
  }

  /** One page of requests, newest first. */
  ExecutionPage list(ExecutionFilter filter) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    filter
        .state()
        .ifPresent(
            state -> {
              conditions.add("state = :state");
              params.put("state", state.name());
            });
    if (filter.resourceId().isPresent()) {
      String scope = "(scope_kind = 'RESOURCE' and scope_id = :resourceId)";
      if (!filter.groupIds().isEmpty()) {
        scope = "(" + scope + " or (scope_kind = 'GROUP' and scope_id in (:groupIds)))";
        params.put("groupIds", filter.groupIds());
      }
      conditions.add(scope);
      params.put("resourceId", filter.resourceId().get());
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    long total =
        jdbc.sql("select count(*) from execution_request" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<String> ids =
        jdbc.sql(
                "select id from execution_request"
                    + where
                    + " order by created_at desc, id desc offset :offset rows fetch first :size"
                    + " rows only")
            .params(params)
            .param("offset", (long) filter.page() * filter.size())
            .param("size", filter.size())
            .query(String.class)
            .list();
    List<ExecutionRequestSnapshot> items = new ArrayList<>();
    ids.forEach(id -> find(id).ifPresent(items::add));
    return new ExecutionPage(items, filter.page(), filter.size(), total);
  }

  /** Ids of requests still waiting whose window closed at or before {@code now}, oldest first. */
  List<String> dueForExpiry(Instant now, int limit) {
    return jdbc.sql(
            "select id from execution_request where state in ('PENDING_APPROVAL', 'APPROVED',"
                + " 'READY_TO_START') and expires_at <= :now order by expires_at fetch first"
                + " :limit rows only")
        .param("now", SnapshotColumns.time(now))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /** True when a request was already created for this drill-schedule occurrence. */
  boolean occurrenceExists(String occurrence) {
    return jdbc.sql("select count(*) from execution_request where schedule_occurrence = :o")
            .param("o", occurrence)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Ids of requests still waiting (for approvals or a start) whose window is open at {@code now}
   * and whose opening was not recorded yet, oldest window first.
   */
  List<String> windowsOpenedUnrecorded(Instant now, int limit) {
    return jdbc.sql(
            "select id from execution_request where state in ('PENDING_APPROVAL', 'APPROVED',"
                + " 'READY_TO_START') and window_opened_at is null and window_not_before <= :now"
                + " and window_not_after > :now order by window_not_before fetch first :limit"
                + " rows only")
        .param("now", SnapshotColumns.time(now))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /**
   * Records that the window of {@code id} opened; true for the one caller (of any instance) that
   * recorded it, false when it was recorded already.
   */
  boolean markWindowOpened(String id, Instant at) {
    return jdbc.sql(
                "update execution_request set window_opened_at = :at where id = :id and"
                    + " window_opened_at is null")
            .param("at", SnapshotColumns.time(at))
            .param("id", id)
            .update()
        == 1;
  }

  /** When the opening of the request's window was recorded, if it was. */
  Optional<Instant> windowOpenedAt(String id) {
    return jdbc.sql("select window_opened_at from execution_request where id = :id")
        .param("id", id)
        .query((rs, row) -> Optional.ofNullable(instant(rs, "window_opened_at")))
        .optional()
        .flatMap(o -> o);
  }

  private void insertApprovals(ExecutionRequestSnapshot s, int from) {
    List<Approval> approvals = s.approvals();
    for (int i = from; i < approvals.size(); i++) {
      Approval a = approvals.get(i);
      jdbc.sql(
              "insert into execution_approval (execution_id, ordinal, actor, decision,"
                  + " comment_text, decided_at) values (:id, :ordinal, :actor, :decision,"
                  + " :comment, :at)")
          .param("id", s.id())
          .param("ordinal", i)
          .param("actor", a.actor())
          .param("decision", a.decision().name())
          .param("comment", a.comment())
          .param("at", SnapshotColumns.time(a.at()))
          .update();
    }
  }

  private List<Approval> approvals(String id) {
    return jdbc.sql(
            "select actor, decision, comment_text, decided_at from execution_approval"
                + " where execution_id = :id order by ordinal")
        .param("id", id)
        .query(
            (rs, row) ->
                new Approval(
                    rs.getString("actor"),
                    Decision.valueOf(rs.getString("decision")),
                    rs.getString("comment_text"),
                    instant(rs, "decided_at")))
        .list();
  }

  private static ExecutionRequestSnapshot snapshot(ResultSet rs, List<Approval> approvals)
      throws SQLException {
    String scopeId = rs.getString("scope_id");
    ExecutionScope scope =
        "GROUP".equals(rs.getString("scope_kind"))
            ? ExecutionScope.group(scopeId)
            : ExecutionScope.resource(scopeId);
    AppliedPolicy policy =
        new AppliedPolicy(
            rs.getInt("approvals_required"),
            Duration.ofMillis(rs.getLong("pending_approval_ttl_ms")),
            Duration.ofMillis(rs.getLong("approved_not_started_ttl_ms")),
            rs.getBoolean("confirmer_may_be_approver"));
    return new ExecutionRequestSnapshot(
        rs.getString("id"),
        OperationType.valueOf(rs.getString("operation_type")),
        scope,
        rs.getString("target_site"),
        Tier.of(rs.getInt("tier")),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        Optional.ofNullable(rs.getString("change_ticket")),
        rs.getString("reason"),
        policy,
        approvals,
        ExecutionState.valueOf(rs.getString("state")),
        SnapshotColumns.readStates(rs.getString("state_entered_at")),
        breakGlass(rs),
        Optional.ofNullable(rs.getString("retry_of")),
        Optional.ofNullable(rs.getString("presented_to")),
        Optional.ofNullable(rs.getString("confirmed_by")),
        Optional.ofNullable(rs.getString("current_step")),
        SnapshotColumns.readList(rs.getString("completed_steps")),
        SnapshotColumns.readList(rs.getString("failed_checks")),
        failure(rs),
        rs.getLong("version"),
        window(rs));
  }

  private static Optional<BreakGlass> breakGlass(ResultSet rs) throws SQLException {
    String by = rs.getString("break_glass_by");
    if (by == null) {
      return Optional.empty();
    }
    String reviewer = rs.getString("review_by");
    Optional<BreakGlass.PostIncidentReview> review =
        reviewer == null
            ? Optional.empty()
            : Optional.of(
                new BreakGlass.PostIncidentReview(
                    reviewer, rs.getString("review_findings"), instant(rs, "review_at")));
    return Optional.of(
        new BreakGlass(
            by,
            rs.getString("break_glass_justification"),
            rs.getString("break_glass_incident"),
            instant(rs, "break_glass_at"),
            review));
  }

  private static Optional<ExecutionWindow> window(ResultSet rs) throws SQLException {
    Instant notBefore = instant(rs, "window_not_before");
    Instant notAfter = instant(rs, "window_not_after");
    return notBefore == null || notAfter == null
        ? Optional.empty()
        : Optional.of(new ExecutionWindow(notBefore, notAfter));
  }

  private static Optional<Failure> failure(ResultSet rs) throws SQLException {
    String reason = rs.getString("failure_reason");
    if (reason == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            reason, Optional.ofNullable(rs.getString("failure_step")), instant(rs, "failure_at")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
  }
}
