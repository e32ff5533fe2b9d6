package io.continuity.server.execution;

import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionDraft;
import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionWindow;
import io.continuity.core.identity.Actor;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.MonitoringStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maintenance windows (decision 029): records {@code EXECUTION_WINDOW_OPENED} once per request when
 * its window opens (the notification planner tells the requester and the people who may confirm),
 * and creates the drills of recurring drill windows, once per occurrence.
 *
 * <p>Both are idempotent across restarts and instances: the opening is claimed by a conditional
 * update of {@code window_opened_at}, the occurrence by the unique {@code schedule_occurrence}. The
 * opening check runs every {@code continuity.approval.window-check-interval} (default 30 s) on the
 * instance that probes.
 */
@Service
public class ExecutionWindows {

  /** The audit event type of a window that opened. */
  public static final String WINDOW_OPENED = "EXECUTION_WINDOW_OPENED";

  /** The actor of {@link #WINDOW_OPENED}. */
  static final Actor ACTOR = Actor.system("maintenance-window");

  private static final Logger log = LoggerFactory.getLogger(ExecutionWindows.class);

  private final ExecutionRequestRepository repository;
  private final AuditTrail audit;
  private final ExecutionTargets targets;
  private final ApprovalPolicy policy;
  private final MonitoringStatus monitoring;
  private final Clock clock;
  private final TransactionTemplate tx;

  ExecutionWindows(
      ExecutionRequestRepository repository,
      AuditTrail audit,
      Inventory inventory,
      ApprovalPolicy policy,
      MonitoringStatus monitoring,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.audit = audit;
    this.targets = new ExecutionTargets(inventory);
    this.policy = policy;
    this.monitoring = monitoring;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  @Scheduled(
      fixedDelayString = "${continuity.approval.window-check-interval:PT30S}",
      initialDelayString = "${continuity.approval.window-check-interval:PT30S}")
  void scheduled() {
    try {
      if (monitoring.probesHere()) {
        int opened = recordOpenings();
        if (opened > 0) {
          log.info("{} maintenance window(s) opened", opened);
        }
      }
    } catch (RuntimeException e) {
      log.error("Recording opened maintenance windows failed; will try again", e);
    }
  }

  /**
   * Records {@code EXECUTION_WINDOW_OPENED} for every waiting request whose window is open now and
   * whose opening nobody recorded yet: each once, whichever instance gets there first.
   *
   * @return how many openings this call recorded
   */
  public int recordOpenings() {
    Instant now = now();
    int recorded = 0;
    for (String id : repository.windowsOpenedUnrecorded(now, 100)) {
      Boolean mine =
          tx.execute(
              status -> {
                if (!repository.markWindowOpened(id, now)) {
                  return false;
                }
                ExecutionRequestSnapshot request = repository.find(id).orElseThrow();
                audit.append(opened(request, now));
                return true;
              });
      if (Boolean.TRUE.equals(mine)) {
        recorded++;
      }
    }
    return recorded;
  }

  /** When the opening of the request's window was recorded, if it was. */
  public Optional<Instant> openedAt(String id) {
    return repository.windowOpenedAt(id);
  }

  /**
   * Creates the drill of one recurring drill window occurrence, by {@code system:drill-schedule}:
   * nothing when a request for {@code occurrence} exists already (created by this or another
   * instance, before or after a restart).
   *
   * @param occurrence the occurrence's key, for example {@code checkout@2026-12-10T02:00:00Z}
   * @return the new request, or empty when the occurrence had one already
   * @throws io.continuity.core.approval.CommandRefusedException when the policy refuses the request
   *     (for example it needs a change ticket and the schedule has none); not audited as a denied
   *     attempt, as the engine's are not: the control plane is not a person, and the schedule would
   *     repeat it every check
   */
  public Optional<ExecutionRequestSnapshot> scheduleDrill(
      NewExecutionRequest input, String occurrence) {
    if (repository.occurrenceExists(occurrence)) {
      return Optional.empty();
    }
    Instant now = now();
    ExecutionDraft draft = targets.draft(ExecutionIds.next(now), input);
    ExecutionRequest request = ExecutionRequest.schedule(draft, policy, now);
    try {
      return Optional.of(
          tx.execute(
              status -> {
                repository.insert(request.snapshot(), Optional.of(occurrence));
                request.drainEvents().forEach(audit::append);
                return request.snapshot();
              }));
    } catch (DuplicateKeyException raced) {
      log.debug("Drill occurrence {} was created by another instance", occurrence);
      return Optional.empty();
    }
  }

  private static GenericAuditEvent opened(ExecutionRequestSnapshot request, Instant now) {
    ExecutionWindow window = request.window().orElseThrow();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("notBefore", window.notBefore().toString());
    details.put("notAfter", window.notAfter().toString());
    details.put("state", request.state().name());
    return new GenericAuditEvent(
        WINDOW_OPENED,
        ACTOR.id(),
        now,
        Optional.of(request.id()),
        request.subject().resourceId(),
        "the " + window.describe() + " opened: a person may now read the plan and confirm",
        request.changeTicket(),
        details);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
