package io.continuity.connector.api;

/** The state of the replication stream from the primary to the DR site. */
public enum ReplicationState {
  /** Replicating continuously. */
  STREAMING,
  /** Connected and applying a backlog. */
  CATCHING_UP,
  /** Replication is configured but not flowing (stream down, replica detached, error). */
  BROKEN,
  /** Replay deliberately paused or stopped by an operator. */
  PAUSED,
  /** The connector could not tell. */
  UNKNOWN
}
