package io.continuity.connector.api;

/** How one step ended. */
public enum StepOutcome {
  SUCCEEDED,
  FAILED
}
