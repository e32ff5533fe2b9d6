package io.continuity.connector.testkit;

/** One way a connector can break the contract; the fake connector can be made with any of them. */
enum Defect {
  UNREGISTERED,
  NO_MONITOR,
  CAPABILITY_BEYOND_FACTORY,
  MISSING_SITE,
  SLOW_PROBE,
  SECRET_IN_PAYLOAD,
  SECRET_IN_PRECHECK,
  SECRET_IN_EXCEPTION,
  MARKER_BACKWARDS,
  NO_MARKERS_DESPITE_CAPABILITY,
  PLAN_WITHOUT_PRECHECK,
  UNSTABLE_STEP_IDS,
  RETRIABLE_REFUSAL,
  PLANS_UNAVAILABLE_OPERATION
}
