package io.continuity.server.notify;

import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the audit trail from the stored cursor and writes the notifications of each new event.
 * The rows of a batch and the cursor move commit in one transaction; the move is a compare-and-set
 * taken first, so of two instances reading the same cursor one writes and the other finds it moved
 * and writes nothing. The unique key (audit seq, recipient, channel) is the last guard.
 */
final class NotificationProjector {

  private static final Logger log = LoggerFactory.getLogger(NotificationProjector.class);

  private final AuditTrail audit;
  private final NotificationRepository repository;
  private final NotificationPlanner planner;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int batchSize;

  NotificationProjector(
      AuditTrail audit,
      NotificationRepository repository,
      NotificationPlanner planner,
      PlatformTransactionManager transactions,
      Clock clock,
      int batchSize) {
    this.audit = audit;
    this.repository = repository;
    this.planner = planner;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /**
   * Projects the next batch of audit events.
   *
   * @return how many audit events this call projected (0 when there were none, or another instance
   *     projected them first)
   */
  int projectNext() {
    long cursor = repository.cursor();
    List<AuditRecord> events = audit.after(cursor, batchSize);
    if (events.isEmpty()) {
      return 0;
    }
    long last = events.get(events.size() - 1).seq();
    List<PlannedNotification> rows = new ArrayList<>();
    for (AuditRecord event : events) {
      rows.addAll(planSafely(event));
    }
    try {
      Boolean written =
          tx.execute(
              status -> {
                if (!repository.advanceCursor(cursor, last)) {
                  status.setRollbackOnly();
                  return false;
                }
                rows.forEach(row -> repository.insert(row, clock.instant()));
                return true;
              });
      if (Boolean.TRUE.equals(written)) {
        log.debug(
            "Projected audit events {}..{} into {} notification(s)", cursor + 1, last, rows.size());
        return events.size();
      }
    } catch (DuplicateKeyException | TransientDataAccessException lostRace) {
      log.debug(
          "Another instance projected audit events after {}: {}", cursor, lostRace.getMessage());
    }
    return 0;
  }

  /** Projects until the cursor reaches the head of the trail (or another instance takes over). */
  int projectAll() {
    int total = 0;
    for (int projected = projectNext(); projected > 0; projected = projectNext()) {
      total += projected;
    }
    return total;
  }

  /**
   * The rows of one event. A store failure is thrown (the batch is tried again later); anything
   * else wrong with one event is logged and that event skipped, so one bad event cannot stop every
   * notification after it.
   */
  private List<PlannedNotification> planSafely(AuditRecord event) {
    try {
      return planner.plan(event);
    } catch (DataAccessException e) {
      throw e;
    } catch (RuntimeException e) {
      log.error(
          "Could not work out the notifications of audit event #{} ({}); it is skipped",
          event.seq(),
          event.type(),
          e);
      return List.of();
    }
  }
}
