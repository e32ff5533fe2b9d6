package io.continuity.core.status;

/**
 * The readiness colour of a resource or group. GREEN is earned only on fresh, complete, proven
 * evidence (safety invariant 6); YELLOW is a warning or missing proof; RED is a breach or an
 * outage. Declared from least to most severe.
 */
public enum Status {
  GREEN,
  YELLOW,
  RED;

  /** The more severe of the two. */
  public static Status worst(Status a, Status b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public boolean isWorseThan(Status other) {
    return compareTo(other) > 0;
  }
}
