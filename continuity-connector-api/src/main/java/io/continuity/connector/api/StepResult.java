package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one step: its output for the operator (sanitized by the connector), facts later
 * steps read, the replication marker the step established, if any, and — for a step that decides
 * whether writes were lost (the promote of a failover, the catch-up gate of a switchover) — the
 * typed loss evidence the evidence report states.
 */
public record StepResult(
    StepOutcome outcome,
    String output,
    Map<String, String> facts,
    Optional<ReplicationMarker> marker,
    Optional<LossEvidence> loss) {

  public StepResult(
      StepOutcome outcome,
      String output,
      Map<String, String> facts,
      Optional<ReplicationMarker> marker) {
    this(outcome, output, facts, marker, Optional.empty());
  }

  public StepResult {
    Objects.requireNonNull(outcome, "outcome");
    output = output == null ? "" : output;
    facts = Map.copyOf(facts == null ? Map.of() : facts);
    marker = marker == null ? Optional.empty() : marker;
    loss = loss == null ? Optional.empty() : loss;
  }

  public static StepResult succeeded(String output) {
    return new StepResult(StepOutcome.SUCCEEDED, output, Map.of(), Optional.empty());
  }

  public static StepResult succeeded(String output, Map<String, String> facts) {
    return new StepResult(StepOutcome.SUCCEEDED, output, facts, Optional.empty());
  }

  /** The step ran and failed in a known way (its output says what it left). */
  public static StepResult failed(String output) {
    return new StepResult(StepOutcome.FAILED, output, Map.of(), Optional.empty());
  }

  /** The step may or may not have taken effect: someone must look. */
  public static StepResult outcomeUnknown(String output) {
    return new StepResult(StepOutcome.OUTCOME_UNKNOWN, output, Map.of(), Optional.empty());
  }

  /** The same result with this loss evidence. */
  public StepResult withLoss(LossEvidence evidence) {
    return new StepResult(outcome, output, facts, marker, Optional.of(evidence));
  }

  /** The same result with this marker. */
  public StepResult withMarker(ReplicationMarker established) {
    return new StepResult(outcome, output, facts, Optional.of(established), loss);
  }

  public boolean succeeded() {
    return outcome == StepOutcome.SUCCEEDED;
  }
}
