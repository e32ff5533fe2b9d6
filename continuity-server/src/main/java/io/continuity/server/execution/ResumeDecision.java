package io.continuity.server.execution;

import io.continuity.connector.api.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to do with a RUNNING execution whose runner is gone (its lease expired): resume only when
 * every remaining step of every member is declared idempotent (the step in flight counts as
 * remaining: it may have run, or not); otherwise stop it as INTERRUPTED, naming the step in flight.
 * Never a silent retry of anything else (safety invariant 8).
 */
public sealed interface ResumeDecision {

  /** Resume each member from {@code positions} (index of its first remaining step). */
  record Resume(Map<String, Integer> positions, String reason) implements ResumeDecision {
    public Resume {
      positions = Map.copyOf(positions);
    }
  }

  /** Fail the execution as INTERRUPTED at {@code stepId} of {@code resourceId}. */
  record Interrupt(String resourceId, String stepId, String reason) implements ResumeDecision {}

  /** Decides from the confirmed plan and the durable step log. */
  static ResumeDecision decide(ExecutionPlan plan, List<StepRecord> log) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    List<String> remaining = new ArrayList<>();
    Optional<String[]> inFlight = Optional.empty();
    Optional<String[]> firstUnsafe = Optional.empty();
    for (ExecutionPlan.MemberPlan member : plan.members()) {
      List<PlanStep> steps = member.plan().steps();
      int position = 0;
      for (StepRecord record : log) {
        if (record.memberResourceId().equals(member.resourceId())
            && record.outcome() == StepLogOutcome.SUCCEEDED) {
          position = Math.max(position, record.stepIndex() + 1);
        }
      }
      positions.put(member.resourceId(), position);
      for (StepRecord record : log) {
        if (record.memberResourceId().equals(member.resourceId())
            && record.outcome() == StepLogOutcome.STARTED
            && inFlight.isEmpty()) {
          inFlight = Optional.of(new String[] {member.resourceId(), record.stepId()});
        }
      }
      List<PlanStep> left = steps.subList(Math.min(position, steps.size()), steps.size());
      left.forEach(step -> remaining.add(member.resourceId() + "/" + step.id()));
      if (!member.plan().remainingStepsIdempotent(position) && firstUnsafe.isEmpty()) {
        PlanStep unsafe = left.stream().filter(s -> !s.idempotent()).findFirst().orElseThrow();
        firstUnsafe = Optional.of(new String[] {member.resourceId(), unsafe.id()});
      }
    }
    String flight =
        inFlight
            .map(f -> "step " + f[1] + " of " + f[0] + " was in flight")
            .orElse("no step was in flight");
    if (firstUnsafe.isEmpty()) {
      return new Resume(
          positions,
          "runner lost; "
              + flight
              + "; every remaining step is idempotent ("
              + String.join(", ", remaining)
              + "), so the run resumes"
              + inFlight.map(f -> " from " + f[1]).orElse(""));
    }
    String[] at = inFlight.orElse(firstUnsafe.get());
    return new Interrupt(
        at[0],
        at[1],
        "INTERRUPTED: the runner stopped while "
            + flight
            + "; step "
            + firstUnsafe.get()[1]
            + " of "
            + firstUnsafe.get()[0]
            + " is not idempotent, so the run is not resumed. Check the resource's state by hand"
            + " and create a new request if needed.");
  }
}
