package io.continuity.core.execution;

import io.continuity.core.approval.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A working copy of the parts of a request that commands change. A command fills one in only after
 * all its checks passed; {@link #build()} yields the next snapshot with the version advanced by
 * one. Until then the request is untouched, so a refused command changes nothing.
 */
final class Change {

  private final ExecutionRequestSnapshot base;
  ExecutionState state;
  final List<Approval> approvals;
  final Map<ExecutionState, Instant> enteredAt;
  Optional<BreakGlass> breakGlass;
  Optional<String> presentedTo;
  Optional<String> confirmedBy;
  Optional<String> currentStep;
  final List<String> completedSteps;
  final List<String> failedChecks;
  Optional<Failure> failure;

  Change(ExecutionRequestSnapshot base) {
    this.base = base;
    this.state = base.state();
    this.approvals = new ArrayList<>(base.approvals());
    this.enteredAt = new EnumMap<>(base.stateEnteredAt());
    this.breakGlass = base.breakGlass();
    this.presentedTo = base.presentedTo();
    this.confirmedBy = base.confirmedBy();
    this.currentStep = base.currentStep();
    this.completedSteps = new ArrayList<>(base.completedSteps());
    this.failedChecks = new ArrayList<>(base.failedChecks());
    this.failure = base.failure();
  }

  /** Moves to a state and records when. */
  Change enter(ExecutionState next, Instant at) {
    state = next;
    enteredAt.put(next, at);
    return this;
  }

  ExecutionRequestSnapshot build() {
    return new ExecutionRequestSnapshot(
        base.id(),
        base.type(),
        base.scope(),
        base.targetSite(),
        base.tier(),
        base.createdBy(),
        base.createdAt(),
        base.changeTicket(),
        base.reason(),
        base.policy(),
        approvals,
        state,
        enteredAt,
        breakGlass,
        base.retryOf(),
        presentedTo,
        confirmedBy,
        currentStep,
        completedSteps,
        failedChecks,
        failure,
        base.version() + 1,
        base.window());
  }
}
