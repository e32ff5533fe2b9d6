package io.continuity.connector.sqlserver;

/** Keys of the facts steps hand to later steps (the engine stores them with the run). */
final class Facts {
  static final String SOURCE_MEMBER = "sourceMember";
  static final String SOURCE_REPLICA = "sourceReplica";
  static final String TARGET_MEMBER = "targetMember";
  static final String TARGET_REPLICA = "targetReplica";
  static final String ORIGINAL_MODE_SOURCE = "originalMode.source";
  static final String ORIGINAL_MODE_TARGET = "originalMode.target";
  static final String CAUGHT_UP_DATABASE = "caughtUp.database";
  static final String CAUGHT_UP_REACHED = "caughtUp.reached";
  static final String CAUGHT_UP_FINAL = "caughtUp.final";

  /** Per database: the old primary's end_of_log_lsn when last read by a step. */
  static final String SOURCE_LSN = "sourceLsn.";

  /** Per database: the old primary's end_of_log_lsn read after it was fenced (its final one). */
  static final String SOURCE_FINAL = "sourceFinal.";

  static final String SOURCE_SEEN_AT = "sourceSeenAt";

  /** Per database: the target's hardened flush LSN captured before the promotion. */
  static final String TARGET_HARDENED = "targetHardened.";

  static final String TARGET_COMMIT = "targetCommit.";
  static final String FAILOVER_READY = "failoverReady.";
  static final String EVIDENCE = "evidence";

  private Facts() {}
}
