package io.continuity.core.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.core.approval.AppliedPolicy;
import io.continuity.core.approval.ApprovalPolicy;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDuties;
import io.continuity.core.audit.RequestCreated;
import io.continuity.core.identity.Actor;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns a draft into a new request's first snapshot and its {@link RequestCreated} event. */
final class Creation {

  private Creation() {}

  /**
   * @param refusedId the request id refusals name: the draft's for a creation, the failed request's
   *     for a retry
   */
  static ExecutionRequestSnapshot open(
      ExecutionDraft draft,
      Actor requester,
      ApprovalPolicy policy,
      Instant now,
      Optional<String> retryOf,
      String refusedId,
      String action) {
    return open(draft, requester, policy, now, retryOf, refusedId, action, false);
  }

  /**
   * @param confirmationOnly the request needs no approval, only the confirmation of a person who
   *     may confirm (a recovery back to the topology from before a failed run)
   */
  static ExecutionRequestSnapshot open(
      ExecutionDraft draft,
      Actor requester,
      ApprovalPolicy policy,
      Instant now,
      Optional<String> retryOf,
      String refusedId,
      String action,
      boolean confirmationOnly) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    if (!requester.equals(ExecutionRequest.DRILL_SCHEDULE)
        || draft.type() != OperationType.DRILL
        || draft.window().isEmpty()) {
      SeparationOfDuties.requireAnyRole(
          refusedId, action, requester, SeparationOfDuties.OPERATING_ROLES);
    }
    Guard guard = new Guard(refusedId, ExecutionState.DRAFT, action, requester);
    String reason = guard.text(draft.reason(), RefusalRule.REASON_REQUIRED, "a reason");
    Optional<ApprovalPolicy.TicketProblem> problem =
        policy.changeTicketProblem(draft.tier(), draft.type(), draft.changeTicket());
    if (problem.isPresent()) {
      throw guard.policy(problem.get().rule(), problem.get().message());
    }
    AppliedPolicy applied = policy.forRequest(draft.tier(), draft.type());
    if (confirmationOnly) {
      applied =
          new AppliedPolicy(0, applied.pendingApprovalTtl(), applied.approvedNotStartedTtl(), true);
    }
    ExecutionState state =
        applied.approvalsRequired() == 0
            ? ExecutionState.APPROVED
            : ExecutionState.PENDING_APPROVAL;
    Map<ExecutionState, Instant> entered = new EnumMap<>(ExecutionState.class);
    entered.put(ExecutionState.DRAFT, now);
    entered.put(state, now);
    return new ExecutionRequestSnapshot(
        draft.id(),
        draft.type(),
        draft.scope(),
        draft.targetSite(),
        draft.tier(),
        requester.id(),
        now,
        draft.changeTicket(),
        reason,
        applied,
        List.of(),
        state,
        entered,
        Optional.empty(),
        retryOf,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty(),
        1,
        draft.window());
  }

  static RequestCreated event(ExecutionRequestSnapshot created) {
    return new RequestCreated(
        created.subject(),
        created.createdBy(),
        created.createdAt(),
        created.reason(),
        created.type(),
        created.targetSite(),
        created.tier(),
        created.state().name(),
        created.policy().approvalsRequired(),
        created.retryOf());
  }
}
