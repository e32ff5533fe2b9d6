package io.continuity.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code continuity.security.throttle.*}: after {@code max-failures} failed sign-ins of one user
 * name from one client address within {@code window}, that pair is refused (429) for {@code
 * base-backoff}, doubling with each further block up to {@code max-backoff}.
 */
@ConfigurationProperties("continuity.security.throttle")
public record ThrottleProperties(
    Integer maxFailures, Duration window, Duration baseBackoff, Duration maxBackoff) {

  public ThrottleProperties {
    maxFailures = maxFailures == null ? 10 : maxFailures;
    window = window == null ? Duration.ofMinutes(5) : window;
    baseBackoff = baseBackoff == null ? Duration.ofMinutes(1) : baseBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
    if (maxFailures < 1) {
      throw new IllegalArgumentException(
          "continuity.security.throttle.max-failures must be 1 or more: " + maxFailures);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "continuity.security.throttle.window must be positive: " + window);
    }
    if (baseBackoff.isNegative() || baseBackoff.isZero() || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "continuity.security.throttle.base-backoff must be positive and at most max-backoff: "
              + baseBackoff
              + " / "
              + maxBackoff);
    }
  }

  static ThrottleProperties defaults() {
    return new ThrottleProperties(null, null, null, null);
  }
}
