package io.continuity.connector.api;

/**
 * A data-loss verdict in the design's words (§5), ordered from the least to the most conservative:
 * {@link #compareTo} on two verdicts says which one an auditor must keep.
 */
public enum LossConclusion {
  /** Proven: the target reached the old primary's final position. */
  CAUGHT_UP,
  /** Writes may be (or are) lost; the window is stated with what bounds it. */
  POTENTIAL_LOSS,
  /** No marker proves how far the target got: completeness cannot be proven. */
  MARKER_UNAVAILABLE;

  /** The more conservative of two verdicts. */
  public LossConclusion worst(LossConclusion other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
