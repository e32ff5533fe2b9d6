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
  /** Stops, rewinds if needed, and restarts the node as a standby of the peer. */
  REJOIN,
  /** The same as {@link #REJOIN}: pg_rewind from the peer always runs (a no-op when unneeded). */
  REWIND;

  /** The action's name in settings keys ({@code action.stop}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
