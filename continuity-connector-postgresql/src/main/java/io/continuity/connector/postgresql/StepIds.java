package io.continuity.connector.postgresql;

/** The stable step ids of the connector's plans (the step log and resumes rely on them). */
final class StepIds {

  static final String PRECHECK_REPLICATION = "precheck-replication";
  static final String PRECHECK_TARGET = "precheck-target";
  static final String PRECHECK_FAILBACK = "precheck-failback";
  static final String RESYNC_TARGET = "resync-target";
  static final String QUIESCE_PRIMARY = "quiesce-primary";
  static final String WAIT_FOR_CATCH_UP = "wait-for-catch-up";
  static final String FENCE_OLD_PRIMARY = "fence-old-primary";
  static final String CAPTURE_MARKERS = "capture-markers";
  static final String PROMOTE_TARGET = "promote-target";
  static final String VERIFY_WRITES = "verify-writes";
  static final String REJOIN_OLD_PRIMARY = "rejoin-old-primary";
  static final String POSTCHECK_ROLES = "postcheck-roles";
  static final String VALIDATE_STANDBY_READS = "validate-standby-reads";
  static final String OBSERVE_REPLAY = "observe-replay-progress";
  static final String CREATE_CLONE = "create-clone";
  static final String VALIDATE_CLONE = "validate-clone";
  static final String DISCARD_CLONE = "discard-clone";

  private StepIds() {}
}
