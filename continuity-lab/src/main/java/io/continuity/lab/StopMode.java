package io.continuity.lab;

/** How {@code pg_ctl stop} shuts a server down. */
public enum StopMode {
  /** Clean: disconnect clients, write a shutdown checkpoint, send it to standbys. */
  FAST,
  /** A crash: no checkpoint; the next start runs crash recovery. */
  IMMEDIATE;

  String pgCtlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
