package io.continuity.connector.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The ordered steps a connector would run for one operation. */
public record OperationPlan(OperationType type, String targetSite, List<PlanStep> steps) {

  public OperationPlan {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(targetSite, "targetSite");
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one step");
    }
    Set<String> ids = new HashSet<>();
    for (PlanStep step : steps) {
      if (!ids.add(step.id())) {
        throw new IllegalArgumentException("step id '" + step.id() + "' appears twice in the plan");
      }
    }
  }

  public Optional<PlanStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** True when every step from {@code fromIndex} on is declared idempotent. */
  public boolean remainingStepsIdempotent(int fromIndex) {
    return steps.subList(Math.min(fromIndex, steps.size()), steps.size()).stream()
        .allMatch(PlanStep::idempotent);
  }
}
