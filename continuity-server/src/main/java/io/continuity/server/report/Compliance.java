package io.continuity.server.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * What the history says about one resource over a period, in milliseconds of the period (every
 * millisecond is in exactly one of green, yellow, red, lost and unknown).
 *
 * @param periodMillis the length of the period (up to the generation time, never the future)
 * @param lostMillis time the control plane recorded it could not see the resource
 * @param unknownMillis time without evidence: no observation that still counted, or no recorded
 *     status; never compliant
 * @param withinRpoMillis time an observation that still counted showed a lag within the RPO target
 * @param worstLagSeconds the largest lag observed in the period, null when none was
 * @param worstLagAt when it was observed
 * @param longestLostMillis the longest uninterrupted loss of visibility (clipped to the period)
 * @param longestLostFrom when it began (or the period start, when it began before)
 */
public record Compliance(
    long periodMillis,
    long greenMillis,
    long yellowMillis,
    long redMillis,
    long lostMillis,
    long unknownMillis,
    long withinRpoMillis,
    Double worstLagSeconds,
    Instant worstLagAt,
    long longestLostMillis,
    Instant longestLostFrom) {

  /** A share of the period, 0 when the period is empty. */
  public static double share(long millis, long periodMillis) {
    return periodMillis == 0 ? 0 : (double) millis / periodMillis;
  }

  @JsonProperty
  public double green() {
    return share(greenMillis, periodMillis);
  }

  @JsonProperty
  public double yellow() {
    return share(yellowMillis, periodMillis);
  }

  @JsonProperty
  public double red() {
    return share(redMillis, periodMillis);
  }

  @JsonProperty
  public double lost() {
    return share(lostMillis, periodMillis);
  }

  @JsonProperty
  public double unknown() {
    return share(unknownMillis, periodMillis);
  }

  @JsonProperty
  public double withinRpo() {
    return share(withinRpoMillis, periodMillis);
  }

  @JsonIgnore
  public Duration longestLost() {
    return Duration.ofMillis(longestLostMillis);
  }
}
