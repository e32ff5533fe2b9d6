package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a step knows when it runs: the execution it belongs to, the plan, and the facts earlier
 * steps recorded (for example the old primary's final LSN, which the promote step must not pass
 * without).
 */
public record StepContext(String executionId, OperationPlan plan, Map<String, String> facts) {

  public StepContext {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(plan, "plan");
    facts = Map.copyOf(facts == null ? Map.of() : facts);
  }
}
