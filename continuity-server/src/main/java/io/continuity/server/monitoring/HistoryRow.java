package io.continuity.server.monitoring;

import java.time.Instant;

/**
 * One row of the readiness history as {@link ReadinessHistory#scan} streams it: an observation
 * ({@link Kind#OBSERVATION}: {@code ok}, {@code lagSeconds}) or a recorded change of status and
 * visibility ({@link Kind#CHANGE}: {@code status}, {@code visibility}).
 *
 * @param lagSeconds the observed time lag in seconds, null when the probe failed or the platform
 *     did not report one
 */
public record HistoryRow(
    String resourceId,
    Instant at,
    Kind kind,
    boolean ok,
    Double lagSeconds,
    String status,
    String visibility) {

  /** What a row records. */
  public enum Kind {
    CHANGE,
    OBSERVATION
  }

  public static HistoryRow observation(String resourceId, Instant at, boolean ok, Double lag) {
    return new HistoryRow(resourceId, at, Kind.OBSERVATION, ok, lag, null, null);
  }

  public static HistoryRow change(String resourceId, Instant at, String status, String visibility) {
    return new HistoryRow(resourceId, at, Kind.CHANGE, false, null, status, visibility);
  }
}
