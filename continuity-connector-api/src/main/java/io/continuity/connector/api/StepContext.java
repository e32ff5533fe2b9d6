package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step knows when it runs: the execution it belongs to, the plan, the facts earlier steps
 * recorded (for example the old primary's final LSN, which the promote step must not pass without),
 * and the last primary marker monitoring observed, read from the store by the engine (so every
 * instance passes the same one).
 */
public record StepContext(
    String executionId,
    OperationPlan plan,
    Map<String, String> facts,
    Optional<ObservedMarker> lastPrimaryMarker) {

  /** A context without a monitored primary marker (tests, or nothing observed yet). */
  public StepContext(String executionId, OperationPlan plan, Map<String, String> facts) {
    this(executionId, plan, facts, Optional.empty());
  }

  public StepContext {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(plan, "plan");
    facts = Map.copyOf(facts == null ? Map.of() : facts);
    lastPrimaryMarker = lastPrimaryMarker == null ? Optional.empty() : lastPrimaryMarker;
  }

  /** A fact an earlier step recorded. */
  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  /** The same context with this monitored primary marker. */
  public StepContext withLastPrimaryMarker(ObservedMarker marker) {
    return new StepContext(executionId, plan, facts, Optional.of(marker));
  }
}
