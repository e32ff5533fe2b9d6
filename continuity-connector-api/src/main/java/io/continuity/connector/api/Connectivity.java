package io.continuity.connector.api;

/** Whether a connector could talk to one site during a probe. */
public enum Connectivity {
  REACHABLE,
  UNREACHABLE,
  TIMED_OUT,
  AUTH_FAILED;

  public boolean isReachable() {
    return this == REACHABLE;
  }
}
