package io.continuity.connector.postgresql;

import io.continuity.connector.support.StandardStepIds;

/**
 * The stable step ids of the connector's plans (the step log and resumes rely on them): the
 * standard ids every connector shares, and the PostgreSQL drill-clone steps that have no standard
 * name.
 */
final class StepIds {

  static final String PRECHECK_REPLICATION = StandardStepIds.PRECHECK_REPLICATION;
  static final String PRECHECK_CONTINUATION = "precheck-continuation";
  static final String PRECHECK_TARGET = StandardStepIds.PRECHECK_TARGET;
  static final String PRECHECK_FAILBACK = StandardStepIds.PRECHECK_FAILBACK;
  static final String RESYNC_TARGET = StandardStepIds.RESYNC_TARGET;
  static final String QUIESCE_PRIMARY = StandardStepIds.QUIESCE_PRIMARY;
  static final String WAIT_FOR_CATCH_UP = StandardStepIds.WAIT_FOR_CATCH_UP;
  static final String FENCE_OLD_PRIMARY = StandardStepIds.FENCE_OLD_PRIMARY;
  static final String CAPTURE_MARKERS = StandardStepIds.CAPTURE_MARKERS;
  static final String PROMOTE_TARGET = StandardStepIds.PROMOTE_TARGET;
  static final String VERIFY_WRITES = StandardStepIds.VERIFY_WRITES;
  static final String REJOIN_OLD_PRIMARY = StandardStepIds.REJOIN_OLD_PRIMARY;
  static final String POSTCHECK_ROLES = StandardStepIds.POSTCHECK_ROLES;
  static final String VALIDATE_STANDBY_READS = StandardStepIds.VALIDATE_STANDBY_READS;
  static final String OBSERVE_REPLAY = StandardStepIds.OBSERVE_REPLAY;
  static final String CREATE_CLONE = "create-clone";
  static final String VALIDATE_CLONE = "validate-clone";
  static final String DISCARD_CLONE = "discard-clone";

  private StepIds() {}
}
