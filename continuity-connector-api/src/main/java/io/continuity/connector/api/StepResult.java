package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one step: its output for the operator (sanitized by the connector), facts later
 * steps and the evidence report use, and the replication marker the step established, if any.
 */
public record StepResult(
    StepOutcome outcome,
    String output,
    Map<String, String> facts,
    Optional<ReplicationMarker> marker) {

  public StepResult {
    Objects.requireNonNull(outcome, "outcome");
    output = output == null ? "" : output;
    facts = Map.copyOf(facts == null ? Map.of() : facts);
    Objects.requireNonNull(marker, "marker");
  }

  public static StepResult succeeded(String output) {
    return new StepResult(StepOutcome.SUCCEEDED, output, Map.of(), Optional.empty());
  }

  public static StepResult succeeded(String output, Map<String, String> facts) {
    return new StepResult(StepOutcome.SUCCEEDED, output, facts, Optional.empty());
  }

  public static StepResult failed(String output) {
    return new StepResult(StepOutcome.FAILED, output, Map.of(), Optional.empty());
  }

  public boolean succeeded() {
    return outcome == StepOutcome.SUCCEEDED;
  }
}
