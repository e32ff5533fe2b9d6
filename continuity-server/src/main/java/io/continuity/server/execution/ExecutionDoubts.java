package io.continuity.server.execution;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.server.audit.AuditPage;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resources whose last execution ended FAILED with a step in an unknown state ({@link StepDoubts}),
 * until a person acknowledges it: the resource page, the dashboard tile and the topology precheck
 * of the next request show it. The acknowledgement is an {@value #ACKNOWLEDGED} audit event on the
 * execution (who, when, what they checked); the audit trail is its only record, so nothing here
 * adds a table. See docs/decisions/016-guard-rails-for-runs-and-reloads.md.
 */
@Service
public class ExecutionDoubts {

  /** The audit event type of an acknowledgement. */
  public static final String ACKNOWLEDGED = "EXECUTION_DOUBT_ACKNOWLEDGED";

  private final ExecutionDoubtRepository repository;
  private final StepLogRepository stepLog;
  private final ExecutionRequestRepository requests;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final RecentDoubts recent;

  ExecutionDoubts(
      ExecutionDoubtRepository repository,
      StepLogRepository stepLog,
      ExecutionRequestRepository requests,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      RecentDoubts recent) {
    this.repository = repository;
    this.recent = recent;
    this.stepLog = stepLog;
    this.requests = requests;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** The unacknowledged doubt about this resource's last execution, if there is one. */
  public Optional<ExecutionDoubt> of(String resourceId) {
    return Optional.ofNullable(resolve(repository.candidates(resourceId)).get(resourceId));
  }

  /**
   * As {@link #of}, for status reads: from a read of every doubt that may be up to {@code
   * continuity.status.reuse-read-for} old ({@link RecentDoubts}), not a store query per call.
   */
  public Optional<ExecutionDoubt> recentOf(String resourceId) {
    return Optional.ofNullable(recent.all(this::all).get(resourceId));
  }

  /** Every resource with an unacknowledged doubt, by resource id (for the dashboard). */
  public Map<String, ExecutionDoubt> all() {
    return resolve(repository.candidates(null));
  }

  /**
   * A person acknowledges that they checked the resources an execution left in doubt; audited with
   * their note. Who may do it is the caller's rule (the API allows OPERATOR, APPROVER, ADMIN).
   *
   * @return the doubts acknowledged, one per member with a step in an unknown state
   * @throws ExecutionNotFoundException when there is no such execution
   * @throws NothingToAcknowledgeException when it did not end in doubt, or was acknowledged
   */
  public List<ExecutionDoubt> acknowledge(String executionId, Actor actor, String note) {
    ExecutionRequestSnapshot request =
        requests.find(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
    List<StepDoubts.DoubtfulStep> steps =
        request.state() == ExecutionState.FAILED
            ? StepDoubts.in(stepLog.list(executionId), null)
            : List.of();
    if (steps.isEmpty()) {
      throw new NothingToAcknowledgeException(
          "execution "
              + executionId
              + " is "
              + request.state()
              + " and no step of it ended in an unknown state: there is nothing to acknowledge");
    }
    Optional<AuditRecord> earlier = acknowledgement(executionId);
    if (earlier.isPresent()) {
      throw new NothingToAcknowledgeException(
          "execution "
              + executionId
              + " was acknowledged by "
              + earlier.get().actor()
              + " at "
              + earlier.get().occurredAt());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant endedAt = request.failure().map(f -> f.at()).orElse(now);
    List<ExecutionDoubt> doubts =
        steps.stream()
            .map(
                s ->
                    new ExecutionDoubt(
                        executionId, s.resourceId(), s.stepId(), s.outcome().name(), endedAt))
            .toList();
    Map<String, String> details = new LinkedHashMap<>();
    details.put(
        "steps",
        doubts.stream()
            .map(d -> d.resourceId() + "/" + d.stepId() + " " + d.outcome())
            .collect(Collectors.joining(", ")));
    Optional<String> resource =
        request.scope() instanceof ExecutionScope.ResourceScope r
            ? Optional.of(r.resourceId())
            : Optional.empty();
    tx.executeWithoutResult(
        status ->
            audit.append(
                new GenericAuditEvent(
                    ACKNOWLEDGED,
                    actor.id(),
                    now,
                    Optional.of(executionId),
                    resource,
                    note,
                    request.changeTicket(),
                    details)));
    recent.forget();
    return doubts;
  }

  /** The latest candidate of each resource decides: a doubt, unless acknowledged or superseded. */
  private Map<String, ExecutionDoubt> resolve(List<ExecutionDoubtRepository.Candidate> candidates) {
    Map<String, ExecutionDoubt> doubts = new LinkedHashMap<>();
    Map<String, Boolean> decided = new HashMap<>();
    Map<String, List<StepRecord>> logs = new HashMap<>();
    Map<String, Boolean> acknowledged = new HashMap<>();
    for (ExecutionDoubtRepository.Candidate candidate : candidates) {
      if (decided.putIfAbsent(candidate.resourceId(), true) != null) {
        continue;
      }
      List<StepRecord> log = logs.computeIfAbsent(candidate.executionId(), stepLog::list);
      List<StepDoubts.DoubtfulStep> steps = StepDoubts.in(log, candidate.resourceId());
      if (steps.isEmpty()
          || repository.ranSince(
              candidate.resourceId(), candidate.executionId(), candidate.failedAt())
          || acknowledged.computeIfAbsent(
              candidate.executionId(), id -> acknowledgement(id).isPresent())) {
        continue;
      }
      StepDoubts.DoubtfulStep step = steps.get(0);
      doubts.put(
          candidate.resourceId(),
          new ExecutionDoubt(
              candidate.executionId(),
              candidate.resourceId(),
              step.stepId(),
              step.outcome().name(),
              candidate.failedAt()));
    }
    return doubts;
  }

  private Optional<AuditRecord> acknowledgement(String executionId) {
    for (int page = 0; page <= AuditQuery.MAX_PAGE; page++) {
      AuditPage found =
          audit.find(
              new AuditQuery(executionId, null, null, null, null, page, AuditQuery.MAX_SIZE));
      Optional<AuditRecord> ack =
          found.items().stream().filter(r -> ACKNOWLEDGED.equals(r.type())).findFirst();
      if (ack.isPresent() || found.items().size() < AuditQuery.MAX_SIZE) {
        return ack;
      }
    }
    return Optional.empty();
  }
}
