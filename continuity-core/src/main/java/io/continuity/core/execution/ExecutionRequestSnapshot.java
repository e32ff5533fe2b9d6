package io.continuity.core.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.AppliedPolicy;
import io.continuity.core.approval.Approval;
import io.continuity.core.audit.ExecutionSubject;
import io.continuity.core.inventory.Tier;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link ExecutionRequest} knows, as one immutable value: what the store saves and
 * what {@link ExecutionRequest#restore} rebuilds the aggregate from. Also the read model for the
 * API and the UI (deadlines, approvals received, review due).
 *
 * @param stateEnteredAt when the request entered each state it has been in
 * @param presentedTo who the start confirmation was presented to, if it was
 * @param confirmedBy who confirmed the start, if someone did
 * @param currentStep the plan step in progress while RUNNING
 * @param completedSteps the plan steps completed, in order
 * @param failedChecks ids of the steps, prechecks and postchecks that failed
 * @param version the number of accepted commands so far, equal to the number of audit events this
 *     request has emitted; the store updates only where the version it read still holds
 * @param window the maintenance window (decision 029): when present, the approval and start
 *     deadlines are its {@code notAfter}, and the start is confirmed only inside it
 */
public record ExecutionRequestSnapshot(
    String id,
    OperationType type,
    ExecutionScope scope,
    String targetSite,
    Tier tier,
    String createdBy,
    Instant createdAt,
    Optional<String> changeTicket,
    String reason,
    AppliedPolicy policy,
    List<Approval> approvals,
    ExecutionState state,
    Map<ExecutionState, Instant> stateEnteredAt,
    Optional<BreakGlass> breakGlass,
    Optional<String> retryOf,
    Optional<String> presentedTo,
    Optional<String> confirmedBy,
    Optional<String> currentStep,
    List<String> completedSteps,
    List<String> failedChecks,
    Optional<Failure> failure,
    long version,
    Optional<ExecutionWindow> window) {

  public ExecutionRequestSnapshot {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(targetSite, "targetSite");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(changeTicket, "changeTicket");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(breakGlass, "breakGlass");
    Objects.requireNonNull(retryOf, "retryOf");
    Objects.requireNonNull(presentedTo, "presentedTo");
    Objects.requireNonNull(confirmedBy, "confirmedBy");
    Objects.requireNonNull(currentStep, "currentStep");
    Objects.requireNonNull(failure, "failure");
    approvals = List.copyOf(approvals);
    completedSteps = List.copyOf(completedSteps);
    failedChecks = List.copyOf(failedChecks);
    EnumMap<ExecutionState, Instant> entered = new EnumMap<>(ExecutionState.class);
    entered.putAll(stateEnteredAt);
    stateEnteredAt = Collections.unmodifiableMap(entered);
    if (!stateEnteredAt.containsKey(state)) {
      throw new IllegalArgumentException(
          "request " + id + " is " + state + " but has no time it entered that state");
    }
    if (version < 1) {
      throw new IllegalArgumentException("request " + id + " version must be 1 or more");
    }
  }

  /** Distinct approvals received (rejections do not count). */
  public int approvalsReceived() {
    return (int) approvals.stream().filter(Approval::approved).count();
  }

  /** True when enough distinct approvals were received for the policy. */
  public boolean policySatisfied() {
    return approvalsReceived() >= policy.approvalsRequired();
  }

  /**
   * When the approval window closes, for a request that has waited for approvals: the maintenance
   * window's end when it has one.
   */
  public Optional<Instant> approvalDeadline() {
    return Optional.ofNullable(stateEnteredAt.get(ExecutionState.PENDING_APPROVAL))
        .map(
            entered ->
                window
                    .map(ExecutionWindow::notAfter)
                    .orElse(entered.plus(policy.pendingApprovalTtl())));
  }

  /** When the start window closes, for a request that has been approved. */
  public Optional<Instant> startDeadline() {
    return Optional.ofNullable(stateEnteredAt.get(ExecutionState.APPROVED))
        .map(
            entered ->
                window
                    .map(ExecutionWindow::notAfter)
                    .orElse(entered.plus(policy.approvedNotStartedTtl())));
  }

  /** When the request expires if nothing happens, while it waits for approvals or a start. */
  public Optional<Instant> expiresAt() {
    switch (state) {
      case PENDING_APPROVAL:
        return approvalDeadline();
      case APPROVED:
      case READY_TO_START:
        return startDeadline();
      default:
        return Optional.empty();
    }
  }

  /** True when break-glass was used and no one has reviewed it yet. */
  public boolean needsPostIncidentReview() {
    return breakGlass.isPresent() && breakGlass.get().review().isEmpty();
  }

  /** The subject every audit event of this request carries. */
  public ExecutionSubject subject() {
    return subjectOf(id, scope, changeTicket);
  }

  static ExecutionSubject subjectOf(
      String id, ExecutionScope scope, Optional<String> changeTicket) {
    Optional<String> resource =
        scope instanceof ExecutionScope.ResourceScope r
            ? Optional.of(r.resourceId())
            : Optional.empty();
    Optional<String> group =
        scope instanceof ExecutionScope.GroupScope g ? Optional.of(g.groupId()) : Optional.empty();
    return new ExecutionSubject(id, resource, group, changeTicket);
  }
}
