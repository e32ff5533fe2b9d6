package io.continuity.server.execution;

import java.time.Instant;
import java.util.Objects;

/**
 * A resource whose last execution ended FAILED with a step in an unknown state: the step may have
 * done all, part or none of its work, so nobody knows the resource's roles for sure until a person
 * has looked and acknowledged it.
 *
 * @param outcome how the step's last attempt ended: TIMED_OUT, INTERRUPTED or FAILED (broke off)
 */
public record ExecutionDoubt(
    String executionId, String resourceId, String stepId, String outcome, Instant endedAt) {

  public ExecutionDoubt {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** "last execution EX-… ended with step promote-target in an unknown state (INTERRUPTED)". */
  public String summary() {
    return "last execution "
        + executionId
        + " ended with step "
        + stepId
        + " in an unknown state ("
        + outcome
        + ")";
  }
}
