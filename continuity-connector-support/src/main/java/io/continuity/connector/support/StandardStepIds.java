package io.continuity.connector.support;

/**
 * The step ids every connector uses for the same moves, so the step log, resumes, evidence reports
 * and operators read one vocabulary whatever the platform. A connector adds its own ids only for
 * moves that have no standard name here.
 */
public final class StandardStepIds {

  /** PRECHECK: the source is primary and the target replicates from it within bounds. */
  public static final String PRECHECK_REPLICATION = "precheck-replication";

  /** PRECHECK of a failover: the target answers and can take over; the source may be down. */
  public static final String PRECHECK_TARGET = "precheck-target";

  /** PRECHECK of a failback: the configured primary answers and is not primary. */
  public static final String PRECHECK_FAILBACK = "precheck-failback";

  /** Bring a diverged old primary back as a replica of the current primary. */
  public static final String RESYNC_TARGET = "resync-target";

  /** Stop writes on the source and record its final marker. */
  public static final String QUIESCE_PRIMARY = "quiesce-primary";

  /** Wait until the target has applied the source's final marker. */
  public static final String WAIT_FOR_CATCH_UP = "wait-for-catch-up";

  /** Make sure the old primary can never take writes again (failover). */
  public static final String FENCE_OLD_PRIMARY = "fence-old-primary";

  /** Record the markers that bound any data loss (failover). */
  public static final String CAPTURE_MARKERS = "capture-markers";

  /** Make the target the primary, only behind its gate. */
  public static final String PROMOTE_TARGET = "promote-target";

  /** POSTCHECK: the new primary commits a write. */
  public static final String VERIFY_WRITES = "verify-writes";

  /** Attach the old primary as a replica of the new one. */
  public static final String REJOIN_OLD_PRIMARY = "rejoin-old-primary";

  /** POSTCHECK: exactly one primary, the expected one. */
  public static final String POSTCHECK_ROLES = "postcheck-roles";

  /** Drill: read on the standby without changing roles. */
  public static final String VALIDATE_STANDBY_READS = "validate-standby-reads";

  /** Drill: watch the standby apply changes. */
  public static final String OBSERVE_REPLAY = "observe-replay-progress";

  private StandardStepIds() {}
}
