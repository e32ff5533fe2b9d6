package io.continuity.connector.postgresql;

/**
 * The names of the facts steps record and later steps (and the evidence report) read. All LSNs are
 * spelled the PostgreSQL way ({@code 0/3000148}).
 */
final class Facts {

  static final String SOURCE = "source";
  static final String TARGET = "target";
  static final String LAG_BYTES = "lagBytes";
  static final String PRIMARY_TIMELINE = "primaryTimeline";
  static final String TARGET_TIMELINE = "targetTimeline";

  /** Set by a promote step that found the target already promoted by an earlier attempt. */
  static final String PROMOTED_BY = "promotedBy";

  static final String EARLIER_ATTEMPT = "earlier-attempt";
  static final String QUIESCE_METHOD = "quiesceMethod";
  static final String FINAL_LSN = "finalLsn";
  static final String FINAL_LSN_KIND = "finalLsnKind";
  static final String TARGET_REPLAY_LSN = "targetReplayLsn";
  static final String TARGET_RECEIVE_LSN = "targetReceiveLsn";
  static final String SOURCE_LSN_AT_FENCE = "sourceLsnAtFence";
  static final String SOURCE_SEEN_AT = "sourceSeenAt";
  static final String PROMOTED_AT_LSN = "promotedAtLsn";

  /** The old primary's final WAL position, read by its final-position host action. */
  static final String FINAL_POSITION_LSN = "finalPositionLsn";

  /** Why the final position is not known (the action's failure), when it was tried. */
  static final String FINAL_POSITION_PROBLEM = "finalPositionProblem";

  /**
   * The commit time of the last transaction the target replayed (pg_last_xact_replay_timestamp).
   */
  static final String LAST_REPLAYED_COMMIT = "lastReplayedCommit";

  /** Where a rejoin action kept the old primary's diverged WAL. */
  static final String KEPT_DIVERGED_WAL = "keptDivergedWal";

  static final String NEW_TIMELINE = "newTimeline";
  static final String VERIFIED_LSN = "verifiedLsn";

  /** The drill clone's endpoint, as its clone host action printed it. */
  static final String CLONE_HOST = "cloneHost";

  static final String CLONE_PORT = "clonePort";

  /** Values of {@link #FINAL_LSN_KIND}. */
  static final String SHUTDOWN_CHECKPOINT = "shutdown-checkpoint";

  static final String READ_ONLY_CURRENT = "read-only-current-lsn";

  /** Values of {@link #QUIESCE_METHOD}. */
  static final String STOP_ACTION = "stop-action";

  static final String READ_ONLY = "read-only";

  private Facts() {}
}
