package io.continuity.connector.api;

/** How one step ended. */
public enum StepOutcome {
  SUCCEEDED,
  /**
   * The step ran and failed in a known way; its output says what state it left (usually: nothing
   * changed). The engine stops the run at it.
   */
  FAILED,
  /**
   * The step may or may not have taken effect (a command sent whose answer was lost, a host action
   * killed half-way): someone must look before anything else runs on the resource.
   */
  OUTCOME_UNKNOWN
}
