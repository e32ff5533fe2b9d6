package io.continuity.server.execution;

import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.audit.AuditEvent;
import io.continuity.core.execution.DeniedAttempts;
import io.continuity.core.execution.ExecutionDraft;
import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.identity.Actor;
import io.continuity.core.inventory.Group;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.inventory.Inventory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application service of execution requests: each command loads the request, applies the
 * aggregate's command, saves the new snapshot where the loaded version still holds and appends the
 * drained audit events, all in one transaction.
 *
 * <p>When another save came first (an optimistic conflict), the command is applied again to the
 * fresh request, up to {@link #MAX_ATTEMPTS} times: two approvers acting at once are both counted,
 * each once. A refused command ({@link CommandRefusedException}) changes nothing and is rethrown;
 * it is recorded as {@code ATTEMPT_DENIED} in a transaction of its own, so the record survives the
 * rollback of the command's.
 */
@Service
public class ExecutionRequests {

  /** Attempts of one command before it gives up with {@link ExecutionBusyException}. */
  static final int MAX_ATTEMPTS = 8;

  private static final Logger log = LoggerFactory.getLogger(ExecutionRequests.class);

  private final ExecutionRequestRepository repository;
  private final ApprovalWitness witness;
  private final AuditTrail audit;
  private final Inventory inventory;
  private final ExecutionTargets targets;
  private final ApprovalPolicy policy;
  private final Clock clock;
  private final TransactionTemplate tx;

  ExecutionRequests(
      ExecutionRequestRepository repository,
      AuditTrail audit,
      Inventory inventory,
      ApprovalPolicy policy,
      Clock clock,
      PlatformTransactionManager transactions,
      ApprovalWitness witness) {
    this.repository = repository;
    this.witness = witness;
    this.audit = audit;
    this.inventory = inventory;
    this.targets = new ExecutionTargets(inventory);
    this.policy = policy;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * Creates a request: PENDING_APPROVAL, or APPROVED when the policy needs no approval.
   *
   * @throws ExecutionTargetException when the resource, group or target site does not fit
   * @throws CommandRefusedException when the requester or the request breaks a rule
   */
  public ExecutionRequestSnapshot create(NewExecutionRequest input, Actor requester) {
    Instant now = now();
    ExecutionDraft draft = targets.draft(ExecutionIds.next(now), input);
    ExecutionRequest request;
    try {
      request = ExecutionRequest.create(draft, requester, policy, now);
    } catch (CommandRefusedException refused) {
      recordDenied(DeniedAttempts.of(draft, refused, now));
      throw refused;
    }
    return insert(request);
  }

  /**
   * One approval; APPROVED once the policy is satisfied. What the approver saw (primaries, DR
   * markers, plan hash) is recorded with it by the {@link ApprovalWitness}.
   */
  public ExecutionRequestSnapshot approve(String id, Actor approver, String comment) {
    ExecutionRequestSnapshot seen =
        repository.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    return apply(
        id,
        (request, now) -> request.approve(approver, comment, now),
        true,
        witness.witness(seen, approver));
  }

  /** A rejection with a comment; REJECTED. */
  public ExecutionRequestSnapshot reject(String id, Actor approver, String comment) {
    return apply(id, (request, now) -> request.reject(approver, comment, now));
  }

  /** Withdraws the request before it runs; CANCELLED. */
  public ExecutionRequestSnapshot cancel(String id, Actor actor, String reason) {
    return apply(id, (request, now) -> request.cancel(actor, reason, now));
  }

  /** Skips the remaining approvals in an emergency; APPROVED with the break-glass recorded. */
  public ExecutionRequestSnapshot breakGlass(
      String id, Actor actor, String justification, String incidentRef) {
    return apply(id, (request, now) -> request.breakGlass(actor, justification, incidentRef, now));
  }

  /** The post-incident review of a break-glass use, once the request has ended. */
  public ExecutionRequestSnapshot review(String id, Actor reviewer, String findings) {
    return apply(id, (request, now) -> request.reviewPostIncident(reviewer, findings, now));
  }

  /**
   * A new request to try a FAILED one again, with fresh approvals; the failed one is unchanged.
   *
   * @return the new request
   */
  public ExecutionRequestSnapshot retry(String id, Actor requester, String reason) {
    Instant now = now();
    ExecutionRequestSnapshot failed =
        find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    ExecutionRequest retry;
    try {
      retry =
          ExecutionRequest.restore(failed)
              .retry(ExecutionIds.next(now), requester, reason, policy, now);
    } catch (CommandRefusedException refused) {
      recordDenied(DeniedAttempts.of(failed, refused, now));
      throw refused;
    }
    return insert(retry);
  }

  /**
   * A new request that recovers a FAILED one (decision 021), inserted together with {@code
   * inSameTransaction} (the recovery link and the failed run's audit line); the failed one is
   * unchanged.
   *
   * @param draft the recovery's draft, given the failed request
   * @return the new request
   */
  ExecutionRequestSnapshot recover(
      String failedId,
      Actor requester,
      java.util.function.Function<ExecutionRequestSnapshot, ExecutionDraft> draft,
      boolean confirmationOnly,
      java.util.function.Consumer<ExecutionRequestSnapshot> inSameTransaction) {
    Instant now = now();
    ExecutionRequestSnapshot failed =
        find(failedId).orElseThrow(() -> new ExecutionNotFoundException(failedId));
    ExecutionRequest recovery;
    try {
      recovery =
          ExecutionRequest.restore(failed)
              .recover(draft.apply(failed), requester, confirmationOnly, policy, now);
    } catch (CommandRefusedException refused) {
      recordDenied(DeniedAttempts.of(failed, refused, now));
      throw refused;
    }
    return tx.execute(
        status -> {
          repository.insert(recovery.snapshot());
          recovery.drainEvents().forEach(audit::append);
          inSameTransaction.accept(recovery.snapshot());
          return recovery.snapshot();
        });
  }

  /**
   * Refuses, and audits as a denied attempt, an actor who may not request a recovery of {@code
   * failedId} (the roles that may create any request), before anything else is judged.
   */
  void requireMayRecover(String failedId, Actor actor) {
    ExecutionRequestSnapshot failed =
        find(failedId).orElseThrow(() -> new ExecutionNotFoundException(failedId));
    try {
      io.continuity.core.approval.SeparationOfDuties.requireAnyRole(
          failedId,
          "recover",
          actor,
          io.continuity.core.approval.SeparationOfDuties.OPERATING_ROLES);
    } catch (CommandRefusedException refused) {
      recordDenied(DeniedAttempts.of(failed, refused, now()));
      throw refused;
    }
  }

  /**
   * Refuses, and audits as a denied attempt, {@code action} on a request whose maintenance window
   * is not open now (decision 029); nothing when it has no window or the window is open.
   */
  void requireWindowOpen(ExecutionRequestSnapshot request, Actor actor, String action) {
    Instant now = now();
    try {
      io.continuity.core.execution.OutsideWindowException.requireOpen(
          request, action, actor.id(), now);
    } catch (CommandRefusedException refused) {
      recordDenied(DeniedAttempts.of(request, refused, now));
      throw refused;
    }
  }

  /** The approvals the policy asks of a request like {@code request} (tier, type). */
  int approvalsRequired(ExecutionRequestSnapshot request) {
    return policy.forRequest(request.tier(), request.type()).approvalsRequired();
  }

  /** Presents the start confirmation to a person who may confirm (READY_TO_START). */
  public ExecutionRequestSnapshot presentConfirmation(String id, Actor actor) {
    return apply(id, (request, now) -> request.presentConfirmation(actor, now));
  }

  /**
   * A person confirms the start (RUNNING). {@code inSameTransaction} runs with the save, in its
   * transaction (the engine stores the confirmed plan and claims the resources there), and {@code
   * checks} are recorded as the request's precheck results after the start.
   */
  ExecutionRequestSnapshot confirmStart(
      String id, Actor actor, List<PrecheckRecord> checks, Runnable inSameTransaction) {
    return apply(
        id,
        (request, now) -> {
          request.confirmStart(actor, now);
          for (PrecheckRecord check : checks) {
            request.run().recordPrecheck(check.id(), check.passed(), check.detail(), now);
          }
        },
        true,
        inSameTransaction);
  }

  /**
   * An engine command (step, check, end of run) saved together with {@code inSameTransaction} (the
   * fenced step-log write), in one transaction. Refusals are not audited as denied attempts: the
   * engine is not a person.
   */
  ExecutionRequestSnapshot engine(String id, Command command, Runnable inSameTransaction) {
    return apply(id, command, false, inSameTransaction);
  }

  /** A precheck result to record with the start: a qualified id, the verdict and what was seen. */
  record PrecheckRecord(String id, boolean passed, String detail) {}

  public Optional<ExecutionRequestSnapshot> find(String id) {
    return repository.find(id);
  }

  /** Requests matching the filter, newest first; a resource filter includes its groups. */
  public ExecutionPage list(ExecutionFilter filter) {
    ExecutionFilter withGroups = filter;
    if (filter.resourceId().isPresent()) {
      String resourceId = filter.resourceId().get();
      List<String> groups =
          inventory.groups().stream()
              .filter(group -> group.contains(resourceId))
              .map(Group::id)
              .toList();
      withGroups = filter.withGroupIds(groups);
    }
    return repository.list(withGroups);
  }

  /**
   * Expires every request whose approval or start window has closed (REJECTED or CANCELLED).
   *
   * @return how many requests expired
   */
  public int expireDue() {
    int expired = 0;
    for (String id : repository.dueForExpiry(now(), 100)) {
      try {
        apply(id, (request, now) -> request.expire(now), false);
        expired++;
      } catch (CommandRefusedException | ExecutionBusyException e) {
        // Someone acted on it meanwhile (approved, started, cancelled): nothing to expire.
        log.debug("Request {} did not expire: {}", id, e.getMessage());
      }
    }
    return expired;
  }

  private ExecutionRequestSnapshot apply(String id, Command command) {
    return apply(id, command, true);
  }

  private ExecutionRequestSnapshot apply(String id, Command command, boolean auditRefusals) {
    return apply(id, command, auditRefusals, () -> {});
  }

  private ExecutionRequestSnapshot apply(
      String id, Command command, boolean auditRefusals, Runnable inSameTransaction) {
    for (int attempt = 1; ; attempt++) {
      Instant now = now();
      ExecutionRequestSnapshot loaded =
          repository.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
      try {
        Optional<ExecutionRequestSnapshot> saved =
            tx.execute(status -> save(loaded, command, now, inSameTransaction));
        if (saved.isPresent()) {
          return saved.get();
        }
      } catch (CommandRefusedException refused) {
        boolean stale = !repository.version(id).equals(Optional.of(loaded.version()));
        if (!stale) {
          if (auditRefusals) {
            recordDenied(DeniedAttempts.of(loaded, refused, now));
          }
          throw refused;
        }
        // Judged on a copy that has changed since: judge again on the fresh one.
      } catch (DuplicateKeyException | TransientDataAccessException e) {
        log.debug("Attempt {} on request {} lost a race: {}", attempt, id, e.getMessage());
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ExecutionBusyException(id, attempt);
      }
    }
  }

  /** Applies the command and saves; empty when another save came first (rolled back). */
  private Optional<ExecutionRequestSnapshot> save(
      ExecutionRequestSnapshot loaded, Command command, Instant now, Runnable inSameTransaction) {
    ExecutionRequest request = ExecutionRequest.restore(loaded);
    inSameTransaction.run();
    command.apply(request, now);
    ExecutionRequestSnapshot next = request.snapshot();
    if (!repository.update(next, loaded.version(), loaded.approvals().size())) {
      return Optional.empty();
    }
    request.drainEvents().forEach(audit::append);
    return Optional.of(next);
  }

  private ExecutionRequestSnapshot insert(ExecutionRequest request) {
    return tx.execute(
        status -> {
          repository.insert(request.snapshot());
          request.drainEvents().forEach(audit::append);
          return request.snapshot();
        });
  }

  private void recordDenied(AuditEvent denied) {
    try {
      tx.executeWithoutResult(status -> audit.append(denied));
    } catch (RuntimeException e) {
      // The refusal stands either way; a failing audit store must be visible to operators.
      log.error("Could not audit the denied attempt {} by {}", denied.type(), denied.actor(), e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** One aggregate command, applied to a freshly loaded request. */
  @FunctionalInterface
  interface Command {
    void apply(ExecutionRequest request, Instant now);
  }
}
