package io.continuity.server.execution;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the durable step log: one attempt of one step of one member's plan.
 *
 * @param seq the order of the attempt in the execution (1, 2, ...)
 * @param stepIndex the step's position in its member's plan (0-based)
 * @param output the step's sanitized, truncated output (empty while STARTED)
 * @param facts what the step recorded for later steps and the evidence (marker under {@code
 *     marker})
 * @param attempt 1, or more when a resumed run ran the step again
 * @param leaseToken the fencing token of the runner that wrote it
 */
public record StepRecord(
    String executionId,
    int seq,
    String stepId,
    String memberResourceId,
    int stepIndex,
    Instant startedAt,
    Instant finishedAt,
    StepLogOutcome outcome,
    String output,
    Map<String, String> facts,
    int attempt,
    long leaseToken) {

  /** Longest output kept; longer output is cut with a note. */
  public static final int MAX_OUTPUT = 4000;

  public StepRecord {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(memberResourceId, "memberResourceId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(outcome, "outcome");
    output = truncate(output == null ? "" : output);
    facts = Map.copyOf(facts == null ? Map.of() : facts);
  }

  static String truncate(String text) {
    return text.length() <= MAX_OUTPUT
        ? text
        : text.substring(0, MAX_OUTPUT) + " … (" + (text.length() - MAX_OUTPUT) + " more chars)";
  }
}
