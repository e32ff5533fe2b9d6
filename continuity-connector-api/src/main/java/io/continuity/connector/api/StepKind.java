package io.continuity.connector.api;

/** Where a step sits in a plan. */
public enum StepKind {
  PRECHECK,
  ACTION,
  POSTCHECK
}
