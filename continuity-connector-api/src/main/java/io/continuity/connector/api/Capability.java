package io.continuity.connector.api;

/** Something a connector can do for a resource (the rows and columns of the design's §4). */
public enum Capability {
  /** Poll health, connectivity and replication lag. */
  MONITOR,
  /** Report a platform-native replication marker (LSN, optime, AG LSN, snapshot time). */
  REPLICATION_MARKER,
  /** Write a heartbeat on the primary and read it back on the DR side. */
  HEARTBEAT,
  /** Planned role change with zero data loss. */
  SWITCHOVER,
  /** Unplanned promotion of the DR side. */
  FAILOVER,
  /** Return roles to the original primary after a failover. */
  FAILBACK,
  /** Non-disruptive rehearsal; production roles never change. */
  DRILL,
  /** Make an old primary unable to accept writes. */
  FENCE,
  /** Re-attach an old primary as a replica of the new one. */
  REJOIN
}
