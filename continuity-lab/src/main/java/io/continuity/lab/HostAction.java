package io.continuity.lab;

import java.util.Locale;

/**
 * The host-side actions the PostgreSQL connector can run for a site (its {@code action.<name>}
 * settings), which the lab renders as shell scripts for its own nodes.
 */
public enum HostAction {
  /** Fast (clean) shutdown; prints pg_controldata's state and latest checkpoint location. */
  STOP,
  /** Starts the server (as whatever role its data directory says). */
  START,
  /** Immediate stop, and a standby.signal so a restart can never bring back a writable primary. */
  FENCE,
  /**
   * Stops, rewinds if needed, and restarts the node as a standby of the peer; first keeps a copy of
   * its WAL (which may hold transactions the peer never received) under {@code <lab>/diverged/} and
   * prints {@code kept-diverged-wal: <dir>}.
   */
  REJOIN,
  /** The same as {@link #REJOIN}: pg_rewind from the peer always runs (a no-op when unneeded). */
  REWIND,
  /**
   * An isolated copy for a drill: pg_basebackup of the node into {@code <lab>/clones/<node>},
   * started on its own free port as a standby with no upstream (it never streams from, or writes
   * to, the pair); prints {@code clone-endpoint: <host>:<port>}. Discards an earlier clone first.
   */
  CLONE,
  /** Stops the node's clone (immediate) and deletes it; succeeds when there is none. */
  DISCARD_CLONE,
  /**
   * Reads where the stopped node's WAL ends, from its data directory ({@code pg_waldump} on its
   * last segment; refused while the server runs): prints {@code final-lsn: <lsn>}. What a
   * failover's evidence needs to state the exact loss.
   */
  FINAL_POSITION;

  /** The action's name in settings keys ({@code action.stop}, {@code action.discard-clone}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
