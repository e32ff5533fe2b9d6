package io.continuity.server.execution;

import io.continuity.core.approval.SeparationOfDuties;
import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Presents an approved request's plan and confirmation, and confirms its start: the token's claims
 * (request version, each member's primary site, the plan hash) must still hold, every precheck must
 * pass (or be overridden by another person, {@link PrecheckOverrides}), and then, in one
 * transaction, the request goes RUNNING with its precheck results, the plan is fixed and the
 * resources are claimed; the run is enqueued after the commit.
 */
@Service
public class ExecutionConfirmation {

  private final ExecutionRequests requests;
  private final ExecutionPlanner planner;
  private final Prechecks prechecks;
  private final PrecheckOverrides overrides;
  private final EvidenceReader evidence;
  private final ConfirmationTokens tokens;
  private final ConfirmationClaims claims;
  private final ApprovedClaims approved;
  private final ExecutionRunRepository runs;
  private final ExecutionRunner runner;
  private final ExecutionLeases leases;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  ExecutionConfirmation(
      ExecutionRequests requests,
      ExecutionPlanner planner,
      Prechecks prechecks,
      PrecheckOverrides overrides,
      EvidenceReader evidence,
      ConfirmationTokens tokens,
      ConfirmationClaims claims,
      ApprovedClaims approved,
      ExecutionRunRepository runs,
      ExecutionRunner runner,
      ExecutionLeases leases,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.requests = requests;
    this.planner = planner;
    this.prechecks = prechecks;
    this.overrides = overrides;
    this.evidence = evidence;
    this.tokens = tokens;
    this.claims = claims;
    this.approved = approved;
    this.runs = runs;
    this.runner = runner;
    this.leases = leases;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * The plan as it stands. When the request is APPROVED and the caller may confirm, this presents
   * the confirmation (READY_TO_START, audited); a caller who may confirm a READY_TO_START request
   * gets the token.
   */
  public PlanPreview plan(String id, Actor actor) {
    ExecutionRequestSnapshot request = load(id);
    Optional<String> refusal = whyNotConfirmer(request, actor);
    if (refusal.isEmpty()
        && (request.state() == ExecutionState.APPROVED
            || request.state() == ExecutionState.READY_TO_START)) {
      requests.requireWindowOpen(request, actor, "plan");
    }
    if (request.state() == ExecutionState.APPROVED && refusal.isEmpty()) {
      request = requests.presentConfirmation(id, actor);
    }
    return preview(request, actor, false);
  }

  /**
   * The plan as it stands, read only: nothing is presented or audited (what an approver reviews
   * before deciding, or anyone reading the request).
   */
  public PlanPreview peek(String id, Actor actor) {
    return preview(load(id), actor, false);
  }

  /**
   * Confirms the start (or with {@code dryRun} only checks, changing nothing).
   *
   * @throws ConfirmationRefusedException when the token is invalid or stale, a precheck fails, or
   *     the request is not ready to start
   */
  public ConfirmOutcome confirm(
      String id, Actor actor, String token, boolean acknowledgeCooldown, boolean dryRun) {
    ExecutionRequestSnapshot request = load(id);
    if (dryRun) {
      List<String> changes = new ArrayList<>();
      ConfirmationToken now = claims.now(request);
      if (token != null && !token.isBlank()) {
        changes.addAll(tokens.verify(token).changesTo(now));
      }
      if (!request.state().isTerminal() && request.state() != ExecutionState.RUNNING) {
        changes.addAll(approved.changesSince(request, now));
      }
      return new ConfirmOutcome(preview(request, actor, acknowledgeCooldown), changes, false);
    }
    if (request.state() != ExecutionState.READY_TO_START) {
      throw new ConfirmationRefusedException(
          ConfirmationRefusedException.Kind.NOT_READY,
          "execution "
              + id
              + " is "
              + request.state()
              + ": only a READY_TO_START request is confirmed (read its plan once it is APPROVED)",
          List.of(),
          List.of());
    }
    requests.requireWindowOpen(request, actor, "confirmStart");
    ConfirmationToken presented = tokens.verify(token);
    ExecutionPlan plan;
    try {
      plan = planner.plan(request);
    } catch (PlanningException e) {
      throw refuse(
          request,
          actor,
          "plan",
          List.of(),
          List.of(CheckResult.fail("plan", e.resourceId(), e.getMessage())));
    }
    ConfirmationToken now = claims.of(request, plan);
    List<String> changes = new ArrayList<>(presented.changesTo(now));
    changes.addAll(approved.changesSince(request, now));
    if (!changes.isEmpty()) {
      throw refuse(request, actor, "token", changes, List.of());
    }
    List<CheckResult> checks =
        overrides.apply(id, prechecks.run(request, acknowledgeCooldown), actor);
    if (checks.stream().anyMatch(c -> !c.passed())) {
      throw refuse(request, actor, "prechecks", List.of(), checks);
    }
    List<ResourceEvidence> before = evidenceOf(plan);
    List<ExecutionRequests.PrecheckRecord> records =
        checks.stream()
            .map(c -> new ExecutionRequests.PrecheckRecord(c.qualifiedId(), c.passed(), c.detail()))
            .toList();
    boolean acknowledged =
        checks.stream()
            .anyMatch(c -> c.id().equals("cooldown") && c.detail().contains("acknowledged"));
    ExecutionRequestSnapshot started =
        requests.confirmStart(
            id,
            actor,
            records,
            () -> {
              runs.insert(id, plan, PlanJson.writeValue(before), clock.instant());
              claim(plan, id);
              leases.reserve(id);
              if (acknowledged) {
                audit.append(
                    event(
                        request,
                        actor,
                        "COOLDOWN_ACKNOWLEDGED",
                        "confirmed within the cool-down",
                        Map.of()));
              }
            });
    runner.start(id);
    return new ConfirmOutcome(preview(started, actor, acknowledgeCooldown), List.of(), true);
  }

  /**
   * A confirmation's result: the plan and checks as they stood, what changed, whether it started.
   */
  public record ConfirmOutcome(PlanPreview preview, List<String> changes, boolean started) {}

  private PlanPreview preview(ExecutionRequestSnapshot request, Actor actor, boolean ack) {
    Optional<ExecutionPlan> plan = Optional.empty();
    Optional<String> planError = Optional.empty();
    Optional<ExecutionRunRepository.StoredRun> stored = runs.find(request.id());
    if (stored.isPresent()) {
      plan = Optional.of(stored.get().plan());
    } else {
      try {
        plan = Optional.of(planner.plan(request));
      } catch (PlanningException e) {
        planError = Optional.of(e.getMessage());
      }
    }
    List<ResourceEvidence> seen = new ArrayList<>();
    for (String member : planner.memberIds(request)) {
      evidence.read(member).ifPresent(seen::add);
    }
    List<String> dataLoss = seen.stream().map(e -> DataLossWarning.of(request.type(), e)).toList();
    boolean beforeRun = !request.state().isTerminal() && request.state() != ExecutionState.RUNNING;
    List<CheckResult> checks =
        beforeRun ? overrides.apply(request.id(), prechecks.run(request, ack), actor) : List.of();
    List<String> sinceApproval =
        beforeRun && plan.isPresent()
            ? approved.changesSince(request, claims.of(request, plan.get()))
            : List.of();
    Optional<String> token = Optional.empty();
    String confirmation;
    Optional<String> refusal = whyNotConfirmer(request, actor);
    if (request.state() != ExecutionState.READY_TO_START) {
      confirmation = "no confirmation: the request is " + request.state();
    } else if (!sinceApproval.isEmpty()) {
      confirmation =
          "no confirmation: what was approved no longer holds ("
              + String.join("; ", sinceApproval)
              + "); a new request (POST /api/v1/executions/"
              + request.id()
              + "/retry) gets fresh approvals";
    } else if (refusal.isPresent()) {
      confirmation = "no confirmation for " + actor.id() + ": " + refusal.get();
    } else if (plan.isEmpty()) {
      confirmation = "no confirmation: there is no plan (" + planError.orElse("") + ")";
    } else {
      token = Optional.of(tokens.issue(claims.of(request, plan.get())));
      confirmation =
          "confirm with POST /api/v1/executions/"
              + request.id()
              + "/confirm and this token before "
              + request.startDeadline().map(Object::toString).orElse("the start window closes");
    }
    return new PlanPreview(
        request, plan, planError, checks, seen, dataLoss, sinceApproval, token, confirmation);
  }

  private List<ResourceEvidence> evidenceOf(ExecutionPlan plan) {
    List<ResourceEvidence> all = new ArrayList<>();
    plan.resourceIds().forEach(id -> evidence.read(id).ifPresent(all::add));
    return all;
  }

  private void claim(ExecutionPlan plan, String id) {
    try {
      runs.claim(plan.resourceIds(), id, clock.instant());
    } catch (DuplicateKeyException e) {
      Map<String, String> holders = runs.holders(plan.resourceIds());
      throw new ConfirmationRefusedException(
          ConfirmationRefusedException.Kind.RESOURCE_BUSY,
          "another execution started on "
              + holders
              + " meanwhile: one execution at a time per resource",
          List.of(),
          List.of());
    }
  }

  /** Audits the refusal (in its own transaction) and returns the exception to throw. */
  private ConfirmationRefusedException refuse(
      ExecutionRequestSnapshot request,
      Actor actor,
      String what,
      List<String> changes,
      List<CheckResult> checks) {
    Map<String, String> details = new LinkedHashMap<>();
    changes.forEach(c -> details.put("change." + details.size(), c));
    checks.stream()
        .filter(c -> !c.passed())
        .forEach(c -> details.put("failed." + c.qualifiedId(), c.detail()));
    String message =
        what.equals("token")
            ? "confirmation refused, the situation changed since the plan was presented: "
                + String.join("; ", changes)
            : "confirmation refused, checks failed: "
                + String.join(
                    "; ",
                    checks.stream()
                        .filter(c -> !c.passed())
                        .map(c -> c.qualifiedId() + ": " + c.detail())
                        .toList())
                + overrideHint(request, checks);
    tx.executeWithoutResult(
        status -> audit.append(event(request, actor, "CONFIRMATION_REFUSED", message, details)));
    return new ConfirmationRefusedException(
        what.equals("token")
            ? ConfirmationRefusedException.Kind.TOPOLOGY_OR_PLAN_CHANGED
            : ConfirmationRefusedException.Kind.PRECHECKS_FAILED,
        message,
        changes,
        checks);
  }

  /** How to go on when some failed checks may be overridden, or nothing. */
  private static String overrideHint(ExecutionRequestSnapshot request, List<CheckResult> checks) {
    List<String> overridable =
        checks.stream()
            .filter(c -> !c.passed() && c.overridable())
            .map(CheckResult::qualifiedId)
            .toList();
    return overridable.isEmpty()
        ? ""
        : ". Policy lets an approver who is neither the requester nor the confirmer override "
            + overridable
            + " with a reason: POST /api/v1/executions/"
            + request.id()
            + "/overrides";
  }

  private GenericAuditEvent event(
      ExecutionRequestSnapshot request,
      Actor actor,
      String type,
      String reason,
      Map<String, String> details) {
    return new GenericAuditEvent(
        type,
        actor.id(),
        clock.instant().truncatedTo(ChronoUnit.MICROS),
        Optional.of(request.id()),
        request.subject().resourceId(),
        reason,
        request.changeTicket(),
        details);
  }

  /** Why this person may not confirm the request, or empty when they may. */
  static Optional<String> whyNotConfirmer(ExecutionRequestSnapshot request, Actor actor) {
    if (actor.isSystem() || SeparationOfDuties.OPERATING_ROLES.stream().noneMatch(actor::hasRole)) {
      return Optional.of("confirming needs one of the roles " + SeparationOfDuties.OPERATING_ROLES);
    }
    boolean approved =
        request.approvals().stream().anyMatch(a -> a.approved() && a.actor().equals(actor.id()));
    if (approved && !request.policy().confirmerMayBeApprover()) {
      return Optional.of("an approver of this request may not confirm its start");
    }
    return Optional.empty();
  }

  private ExecutionRequestSnapshot load(String id) {
    return requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
  }
}
