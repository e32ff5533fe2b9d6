package io.continuity.server.audit;

import io.continuity.core.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit trail. Each appended event gets the next sequence number, the
 * previous link's hash and its own SHA-256 over {@link CanonicalAuditEncoding}.
 *
 * <p>Appends serialize on a row lock of {@code audit_head} ({@code SELECT ... FOR UPDATE}) taken in
 * the same transaction as the insert, so they stay gapless across threads and across server
 * instances sharing one PostgreSQL; the primary key on {@code seq} is the last guard. An append
 * joins the caller's transaction when there is one, so a state change and its audit event commit or
 * roll back together (the head stays locked until then).
 */
@Service
public class AuditTrail {

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
  private static final int MAX_ID = 200;

  private final AuditEventRepository repository;
  private final TransactionTemplate tx;

  public AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.repository = new AuditEventRepository(jdbc);
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * Appends the event as the next link of the chain.
   *
   * @return the stored record with its sequence number and hashes
   * @throws IllegalArgumentException when a field is missing or too long (the message names it)
   */
  public AuditRecord append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    validate(event);
    return tx.execute(
        status -> {
          AuditEventRepository.Head head = repository.lockHead();
          AuditRecord unhashed =
              new AuditRecord(
                  head.lastSeq() + 1,
                  event.type(),
                  event.actor(),
                  CanonicalAuditEncoding.storedPrecision(event.at()),
                  orNull(event.executionId()),
                  orNull(event.resourceId()),
                  Objects.requireNonNullElse(event.reason(), ""),
                  orNull(event.changeTicket()),
                  Map.copyOf(event.details()),
                  head.lastHash(),
                  null);
          AuditRecord stored = unhashed.withHash(CanonicalAuditEncoding.hash(unhashed));
          repository.insert(stored);
          repository.moveHead(stored.seq(), stored.hash());
          return stored;
        });
  }

  /**
   * Up to {@code limit} events with a sequence number above {@code seq}, in sequence order: for
   * readers that follow the trail with a cursor (notifications). Appends commit in sequence order
   * (the head lock is held until commit), so what this returns never skips a later-committed seq.
   *
   * @throws IllegalArgumentException when {@code seq} is negative, {@code limit} is not between 1
   *     and {@link AuditQuery#MAX_SIZE}, or a stored event's details are not valid JSON
   */
  public List<AuditRecord> after(long seq, int limit) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be 0 or more: " + seq);
    }
    if (limit < 1 || limit > AuditQuery.MAX_SIZE) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + AuditQuery.MAX_SIZE + ": " + limit);
    }
    return repository.rowsAfter(seq, limit).stream()
        .map(AuditEventRepository.StoredRow::toRecord)
        .toList();
  }

  /** The head of the chain now (the last event's sequence number and hash): an anchor to keep. */
  public AuditAnchor head() {
    AuditEventRepository.Head head = repository.readHead();
    return new AuditAnchor(head.lastSeq(), head.lastHash());
  }

  /**
   * How many events of one type each resource has with {@code from <= at < to} (resources with none
   * are absent): one grouped query, for reports that count alerts.
   */
  public Map<String, Long> countByResource(
      String type, java.time.Instant from, java.time.Instant to) {
    return repository.countByResource(type, from, to);
  }

  /**
   * When {@code actor} last recorded an event of {@code type} about each resource (resources with
   * none are absent): one grouped query, for jobs that must say something only once.
   */
  public Map<String, java.time.Instant> latestByResource(String type, String actor) {
    return repository.latestByResource(type, actor);
  }

  /** One page of events matching the query, in sequence order. */
  public AuditPage find(AuditQuery query) {
    return repository.find(query);
  }

  private static void validate(AuditEvent event) {
    if (event.type() == null || !TYPE.matcher(event.type()).matches()) {
      throw new IllegalArgumentException(
          "audit event type must be UPPER_SNAKE_CASE (at most 100 characters): " + event.type());
    }
    requireText("actor", event.actor());
    Objects.requireNonNull(event.at(), "audit event time (at) is required");
    maxLength("actor", event.actor());
    maxLength("executionId", orNull(event.executionId()));
    maxLength("resourceId", orNull(event.resourceId()));
    maxLength("changeTicket", orNull(event.changeTicket()));
    Map<String, String> details = Objects.requireNonNull(event.details(), "details");
    details.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw new IllegalArgumentException(
                "audit event details must not hold null keys or values: " + key);
          }
        });
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audit event " + field + " is required");
    }
  }

  private static void maxLength(String field, String value) {
    if (value != null && value.length() > MAX_ID) {
      throw new IllegalArgumentException(
          "audit event " + field + " is longer than " + MAX_ID + " characters");
    }
  }

  private static String orNull(Optional<String> value) {
    return value == null ? null : value.orElse(null);
  }
}
