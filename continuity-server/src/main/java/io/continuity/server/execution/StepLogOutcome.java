package io.continuity.server.execution;

/** Where one step attempt stands in the durable step log. */
public enum StepLogOutcome {
  /** Written before the step runs: a crash leaves this behind as the step in flight. */
  STARTED,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  /** The step was in flight when its runner stopped, and it was not resumed. */
  INTERRUPTED;

  public boolean finished() {
    return this != STARTED;
  }
}
