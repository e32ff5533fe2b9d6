package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What an operator sees before confirming: the plan the connectors would run (or why there is
 * none), every precheck as it stands, the evidence per member, the data-loss warning, and the
 * confirmation token when this person may confirm now.
 *
 * @param changedSinceApproval what no longer holds of what the approvers approved (topology, plan,
 *     DR marker going backwards); when not empty there is no confirmation
 * @param confirmation what the caller can do next, in words
 */
public record PlanPreview(
    ExecutionRequestSnapshot request,
    Optional<ExecutionPlan> plan,
    Optional<String> planError,
    List<CheckResult> prechecks,
    List<ResourceEvidence> evidence,
    List<String> dataLoss,
    List<String> changedSinceApproval,
    Optional<String> confirmationToken,
    String confirmation) {

  public PlanPreview {
    prechecks = List.copyOf(prechecks);
    evidence = List.copyOf(evidence);
    dataLoss = List.copyOf(dataLoss);
    changedSinceApproval = List.copyOf(changedSinceApproval);
  }

  public boolean prechecksPassed() {
    return prechecks.stream().allMatch(CheckResult::passed);
  }
}
