package io.continuity.core.status;

import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one probe of one resource: either what the connector saw ({@code result}) or why
 * the probe produced nothing ({@code failure}: it threw or timed out). Exactly one of the two is
 * present. A failure message is scrubbed of secrets and shortened when the observation is made, so
 * it is safe to store, log and show.
 *
 * @param observedAt when the probe finished or gave up; for a result, the result's own time
 */
public record Observation(
    String resourceId, Instant observedAt, Optional<ProbeResult> result, Optional<String> failure) {

  /** Longest failure message kept; longer ones are cut with an ellipsis. */
  public static final int MAX_FAILURE_LENGTH = 500;

  public Observation {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(failure, "failure");
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException(
          "observation of " + resourceId + " needs exactly one of a probe result or a failure");
    }
    if (result.isPresent() && !result.get().observedAt().equals(observedAt)) {
      throw new IllegalArgumentException(
          "observation of " + resourceId + ": observedAt must be the probe result's observedAt");
    }
    failure = failure.map(Observation::sanitize);
  }

  /** A successful probe. */
  public static Observation of(String resourceId, ProbeResult result) {
    Objects.requireNonNull(result, "result");
    return new Observation(resourceId, result.observedAt(), Optional.of(result), Optional.empty());
  }

  /** A probe that failed with {@code message}; the message is sanitized. */
  public static Observation failed(String resourceId, Instant at, String message) {
    String text = message == null || message.isBlank() ? "probe failed without a message" : message;
    return new Observation(resourceId, at, Optional.empty(), Optional.of(text));
  }

  /** A probe that threw: keeps the exception's class and sanitized message, never its stack. */
  public static Observation failed(String resourceId, Instant at, Throwable error) {
    Objects.requireNonNull(error, "error");
    String message = error.getMessage();
    return failed(
        resourceId, at, error.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  /** A probe that did not finish within {@code timeout}. */
  public static Observation timedOut(String resourceId, Instant at, Duration timeout) {
    return failed(resourceId, at, "probe timed out after " + Durations.human(timeout));
  }

  public boolean succeeded() {
    return result.isPresent();
  }

  private static String sanitize(String text) {
    String clean = PayloadSanitizer.standard().sanitizeText(text).strip();
    if (clean.length() > MAX_FAILURE_LENGTH) {
      return clean.substring(0, MAX_FAILURE_LENGTH - 1) + "…";
    }
    return clean;
  }
}
