package io.continuity.core.execution;

import static io.continuity.core.execution.ExecutionState.APPROVED;
import static io.continuity.core.execution.ExecutionState.DRAFT;
import static io.continuity.core.execution.ExecutionState.PENDING_APPROVAL;
import static io.continuity.core.execution.ExecutionState.READY_TO_START;
import static io.continuity.core.execution.ExecutionState.RUNNING;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.Approval;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.Decision;
import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDuties;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.core.audit.ApprovalDenied;
import io.continuity.core.audit.ApprovalGranted;
import io.continuity.core.audit.AuditEvent;
import io.continuity.core.audit.BreakGlassInvoked;
import io.continuity.core.audit.ConfirmationPresented;
import io.continuity.core.audit.ExecutionStarted;
import io.continuity.core.audit.PostIncidentReviewed;
import io.continuity.core.audit.RequestCancelled;
import io.continuity.core.audit.RequestCreated;
import io.continuity.core.audit.RequestExpired;
import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to fail over, switch over, drill or fail back a resource or group: the aggregate that
 * guards its state machine ({@link ExecutionState}) and the safety rules.
 *
 * <p>Every command checks the current state and the actor first and, when refused, throws and
 * changes nothing: {@link IllegalTransitionException} (wrong state or order), {@link
 * SeparationOfDutiesException} (role or separation of duties, see {@link SeparationOfDuties}) or
 * {@link PolicyViolationException} (missing reason, ticket or justification, closed window, failed
 * checks). An accepted command advances {@link #version()} by one, records exactly one audit event
 * in {@link #pendingEvents()} and returns it. The caller saves the {@link #snapshot()} only where
 * the version it loaded still holds, and appends the drained events in the same transaction.
 *
 * <p>Rules enforced here: a VIEWER (or an APPROVER-only person) cannot request; approvals need the
 * APPROVER role (ADMIN alone does not approve), never from the requester, once per person; nothing
 * reaches RUNNING without the policy satisfied or a break-glass, and never without a person
 * confirming it, who by default is not an approver (the requester may confirm); break-glass needs
 * the BREAK_GLASS role, a justification and an incident reference, skips approvals but never the
 * confirmation, and is reviewed afterwards by someone uninvolved; a FAILED request is never retried
 * in place ({@link #retry} creates a new request with fresh approvals). The run's commands live in
 * {@link RunProgress} ({@link #run()}), issued by {@link #ENGINE}; expiry is done by {@link
 * #EXPIRY}.
 */
public final class ExecutionRequest {

  /** The actor of step, check, success and failure events. */
  public static final Actor ENGINE = Actor.system("execution-engine");

  /** The actor of expiry events. */
  public static final Actor EXPIRY = Actor.system("approval-expiry");

  /**
   * The requester of the drills a recurring drill window creates (decision 029); it holds no role
   * and so never approves or confirms.
   */
  public static final Actor DRILL_SCHEDULE = Actor.system("drill-schedule");

  private ExecutionRequestSnapshot current;
  private final List<AuditEvent> pendingEvents = new ArrayList<>();

  private ExecutionRequest(ExecutionRequestSnapshot snapshot) {
    this.current = snapshot;
  }

  /**
   * Submits a draft: PENDING_APPROVAL, or APPROVED at once when the policy needs no approval. Needs
   * a person with OPERATOR, ADMIN or BREAK_GLASS, a reason, and a change ticket where policy asks.
   * Records {@link RequestCreated}.
   */
  public static ExecutionRequest create(
      ExecutionDraft draft, Actor requester, ApprovalPolicy policy, Instant now) {
    return opened(
        Creation.open(draft, requester, policy, now, Optional.empty(), draft.id(), "create"));
  }

  /**
   * Submits a drill for a maintenance window on behalf of a recurring drill schedule ({@link
   * #DRILL_SCHEDULE}): the same rules as {@link #create} (reason, change ticket where policy asks,
   * approvals), except that the requester is the control plane, which holds no role. Only a DRILL
   * with a window is scheduled; a person still approves (where policy asks) and confirms.
   */
  public static ExecutionRequest schedule(
      ExecutionDraft draft, ApprovalPolicy policy, Instant now) {
    if (draft.type() != OperationType.DRILL || draft.window().isEmpty()) {
      throw new IllegalArgumentException(
          "only a DRILL with a maintenance window is scheduled, not " + draft.type());
    }
    return opened(
        Creation.open(
            draft, DRILL_SCHEDULE, policy, now, Optional.empty(), draft.id(), "schedule", false));
  }

  /** Rebuilds a stored request; it has no pending events. */
  public static ExecutionRequest restore(ExecutionRequestSnapshot snapshot) {
    return new ExecutionRequest(Objects.requireNonNull(snapshot, "snapshot"));
  }

  public ExecutionRequestSnapshot snapshot() {
    return current;
  }

  public String id() {
    return current.id();
  }

  public ExecutionState state() {
    return current.state();
  }

  public long version() {
    return current.version();
  }

  /** Audit events recorded since creation, restore or the last {@link #drainEvents()}. */
  public List<AuditEvent> pendingEvents() {
    return List.copyOf(pendingEvents);
  }

  /** Returns the pending audit events and forgets them. */
  public List<AuditEvent> drainEvents() {
    List<AuditEvent> drained = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return drained;
  }

  /** One approval by an APPROVER who is not the requester; APPROVED when policy is satisfied. */
  public ApprovalGranted approve(Actor approver, String comment, Instant now) {
    Guard guard = Guard.of(current, "approve", approver);
    guard.state("approvals are accepted only while PENDING_APPROVAL", PENDING_APPROVAL);
    SeparationOfDuties.checkDecider(
        id(), "approve", current.createdBy(), current.approvals(), approver);
    guard.before(
        current.approvalDeadline(), now, RefusalRule.APPROVAL_WINDOW_CLOSED, "approval window");
    String text = comment == null ? "" : comment.strip();
    Change change = new Change(current);
    change.approvals.add(new Approval(approver.id(), Decision.APPROVED, text, now));
    int received = current.approvalsReceived() + 1;
    int required = current.policy().approvalsRequired();
    if (received >= required) {
      change.enter(APPROVED, now);
    }
    return commit(
        change,
        new ApprovalGranted(
            current.subject(), approver.id(), now, text, received, required, change.state.name()));
  }

  /** A rejection by an APPROVER who is not the requester, with a comment; ends it (REJECTED). */
  public ApprovalDenied reject(Actor approver, String comment, Instant now) {
    Guard guard = Guard.of(current, "reject", approver);
    guard.state("decisions are accepted only while PENDING_APPROVAL", PENDING_APPROVAL);
    SeparationOfDuties.checkDecider(
        id(), "reject", current.createdBy(), current.approvals(), approver);
    String text = guard.text(comment, RefusalRule.REASON_REQUIRED, "a comment saying why");
    Change change = new Change(current).enter(ExecutionState.REJECTED, now);
    change.approvals.add(new Approval(approver.id(), Decision.REJECTED, text, now));
    return commit(change, new ApprovalDenied(current.subject(), approver.id(), now, text));
  }

  /**
   * Ends a request whose window has closed: PENDING_APPROVAL becomes REJECTED after the approval
   * window, APPROVED or READY_TO_START becomes CANCELLED after the start window.
   */
  public RequestExpired expire(Instant now) {
    Guard guard = Guard.of(current, "expire", EXPIRY);
    guard.state(
        "only requests waiting for approvals or a start expire",
        PENDING_APPROVAL,
        APPROVED,
        READY_TO_START);
    Instant deadline = current.expiresAt().orElseThrow();
    guard.that(!now.isBefore(deadline), "is " + state() + " and open until " + deadline);
    boolean pending = state() == PENDING_APPROVAL;
    ExecutionState next = pending ? ExecutionState.REJECTED : ExecutionState.CANCELLED;
    String why = (pending ? "not approved before " : "not started before ") + deadline;
    Change change = new Change(current).enter(next, now);
    return commit(
        change,
        new RequestExpired(
            current.subject(), EXPIRY.id(), now, why, state().name(), next.name(), deadline));
  }

  /** Withdraws the request before it runs (CANCELLED): the requester or an ADMIN, with a reason. */
  public RequestCancelled cancel(Actor actor, String reason, Instant now) {
    Guard guard = Guard.of(current, "cancel", actor);
    guard.state(
        "a request is cancelled only before it runs (PENDING_APPROVAL, APPROVED, READY_TO_START)",
        PENDING_APPROVAL,
        APPROVED,
        READY_TO_START);
    SeparationOfDuties.requirePerson(id(), "cancel", actor);
    if (!actor.id().equals(current.createdBy()) && !actor.hasRole(Role.ADMIN)) {
      throw new SeparationOfDutiesException(
          id(),
          "cancel",
          actor.id(),
          RefusalRule.ROLE_REQUIRED,
          "cannot cancel: only the requester "
              + current.createdBy()
              + " or an ADMIN may cancel request "
              + id());
    }
    String text = guard.text(reason, RefusalRule.REASON_REQUIRED, "a reason");
    Change change = new Change(current).enter(ExecutionState.CANCELLED, now);
    return commit(
        change, new RequestCancelled(current.subject(), actor.id(), now, text, state().name()));
  }

  /**
   * Skips the remaining approvals in an emergency (APPROVED). Needs the BREAK_GLASS role, a
   * justification and an incident reference; the start still needs a confirmation, and the use a
   * {@link #reviewPostIncident review} by someone else.
   */
  public BreakGlassInvoked breakGlass(
      Actor actor, String justification, String incidentRef, Instant now) {
    Guard guard = Guard.of(current, "breakGlass", actor);
    guard.state(
        "break-glass skips approvals only while they are awaited (PENDING_APPROVAL)",
        DRAFT,
        PENDING_APPROVAL);
    SeparationOfDuties.requireAnyRole(id(), "breakGlass", actor, Set.of(Role.BREAK_GLASS));
    RefusalRule rule = RefusalRule.BREAK_GLASS_JUSTIFICATION_REQUIRED;
    String why = guard.text(justification, rule, "a break-glass justification");
    String incident = guard.text(incidentRef, rule, "an incident reference");
    guard.before(
        current.approvalDeadline(), now, RefusalRule.APPROVAL_WINDOW_CLOSED, "approval window");
    Change change = new Change(current).enter(APPROVED, now);
    change.breakGlass =
        Optional.of(new BreakGlass(actor.id(), why, incident, now, Optional.empty()));
    return commit(
        change,
        new BreakGlassInvoked(
            current.subject(),
            actor.id(),
            now,
            why,
            incident,
            current.approvalsReceived(),
            current.policy().approvalsRequired()));
  }

  /** Presents the start confirmation to a person with an operating role (READY_TO_START). */
  public ConfirmationPresented presentConfirmation(Actor actor, Instant now) {
    Guard guard = Guard.of(current, "presentConfirmation", actor);
    guard.state("the confirmation is presented only once APPROVED", APPROVED);
    SeparationOfDuties.requireAnyRole(
        id(), "presentConfirmation", actor, SeparationOfDuties.OPERATING_ROLES);
    OutsideWindowException.requireOpen(current, "presentConfirmation", actor.id(), now);
    Instant deadline = current.startDeadline().orElseThrow();
    guard.before(Optional.of(deadline), now, RefusalRule.START_WINDOW_CLOSED, "start window");
    Change change = new Change(current).enter(READY_TO_START, now);
    change.presentedTo = Optional.of(actor.id());
    return commit(
        change,
        new ConfirmationPresented(
            current.subject(), actor.id(), now, "confirm before " + deadline, deadline));
  }

  /**
   * A person confirms the start (RUNNING), the only way into RUNNING: an operating role, not an
   * approver unless policy allows, within the start window, with the policy satisfied or a
   * break-glass.
   */
  public ExecutionStarted confirmStart(Actor actor, Instant now) {
    Guard guard = Guard.of(current, "confirmStart", actor);
    guard.state(
        "a start is confirmed only once the confirmation was presented (READY_TO_START)",
        READY_TO_START);
    SeparationOfDuties.checkConfirmer(
        id(), actor, current.approvals(), current.policy().confirmerMayBeApprover());
    OutsideWindowException.requireOpen(current, "confirmStart", actor.id(), now);
    guard.before(current.startDeadline(), now, RefusalRule.START_WINDOW_CLOSED, "start window");
    boolean breakGlass = current.breakGlass().isPresent();
    if (!current.policySatisfied() && !breakGlass) {
      throw guard.policy(
          RefusalRule.POLICY_NOT_SATISFIED,
          "request " + id() + " lacks approvals and has no break-glass");
    }
    Change change = new Change(current).enter(RUNNING, now);
    change.confirmedBy = Optional.of(actor.id());
    return commit(
        change,
        new ExecutionStarted(
            current.subject(),
            actor.id(),
            now,
            "start confirmed by " + actor.id(),
            breakGlass,
            current.approvalsReceived(),
            current.policy().approvalsRequired()));
  }

  /** Records the review of a break-glass use by an uninvolved APPROVER or ADMIN, after the end. */
  public PostIncidentReviewed reviewPostIncident(Actor reviewer, String findings, Instant now) {
    Guard guard = Guard.of(current, "reviewPostIncident", reviewer);
    BreakGlass used =
        current.breakGlass().orElseThrow(() -> guard.illegal("used no break-glass to review"));
    guard.that(used.review().isEmpty(), "had its break-glass reviewed already");
    guard.that(state().isTerminal(), "is " + state() + "; review it once it has ended");
    Set<String> involved = new HashSet<>();
    involved.add(used.invokedBy());
    involved.add(current.createdBy());
    current.confirmedBy().ifPresent(involved::add);
    SeparationOfDuties.checkReviewer(id(), reviewer, involved);
    String text = guard.text(findings, RefusalRule.REASON_REQUIRED, "review findings");
    Change change = new Change(current);
    change.breakGlass =
        Optional.of(
            new BreakGlass(
                used.invokedBy(),
                used.justification(),
                used.incidentRef(),
                used.at(),
                Optional.of(new BreakGlass.PostIncidentReview(reviewer.id(), text, now))));
    return commit(
        change,
        new PostIncidentReviewed(current.subject(), reviewer.id(), now, text, used.invokedBy()));
  }

  /**
   * A new request in PENDING_APPROVAL with no approvals, to try a FAILED request again, by the same
   * rules as {@link #create}. This request stays FAILED and unchanged; the new one has its own
   * {@link RequestCreated} with {@code retryOf} set.
   */
  public ExecutionRequest retry(
      String newId, Actor requester, String reason, ApprovalPolicy policy, Instant now) {
    Guard.of(current, "retry", requester)
        .state("only a FAILED request is retried, as a new request", ExecutionState.FAILED);
    if (newId == null || newId.equals(id())) {
      throw new IllegalArgumentException("a retry of " + id() + " needs a new, different id");
    }
    ExecutionDraft draft =
        new ExecutionDraft(
            newId,
            current.type(),
            current.scope(),
            current.targetSite(),
            current.tier(),
            current.changeTicket(),
            reason);
    return opened(Creation.open(draft, requester, policy, now, Optional.of(id()), id(), "retry"));
  }

  /**
   * A new request that recovers this FAILED one (a recovery plan: roll back or roll forward),
   * linked to it by {@code retryOf}. Rolling back to the roles from before the run needs no
   * approval, only a person's confirmation ({@code confirmationOnly}); rolling forward is approved
   * like any request. This request stays FAILED and unchanged.
   */
  public ExecutionRequest recover(
      ExecutionDraft draft,
      Actor requester,
      boolean confirmationOnly,
      ApprovalPolicy policy,
      Instant now) {
    Guard.of(current, "recover", requester)
        .state("only a FAILED request is recovered, by a new request", ExecutionState.FAILED);
    if (draft.id().equals(id())) {
      throw new IllegalArgumentException("a recovery of " + id() + " needs a new, different id");
    }
    return opened(
        Creation.open(
            draft, requester, policy, now, Optional.of(id()), id(), "recover", confirmationOnly));
  }

  /** The commands of the run (steps, checks, success, failure), issued by the engine. */
  public RunProgress run() {
    return new RunProgress(this);
  }

  <E extends AuditEvent> E commit(Change change, E event) {
    current = change.build();
    pendingEvents.add(event);
    return event;
  }

  private static ExecutionRequest opened(ExecutionRequestSnapshot created) {
    ExecutionRequest request = new ExecutionRequest(created);
    request.pendingEvents.add(Creation.event(created));
    return request;
  }
}
