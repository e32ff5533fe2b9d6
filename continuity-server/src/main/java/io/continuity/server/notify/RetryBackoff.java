package io.continuity.server.notify;

import java.time.Duration;

/**
 * When a failed e-mail or webhook call is tried again: {@code first} after the first failure,
 * doubling with each further one up to {@code max}; none after {@code maxAttempts}.
 */
record RetryBackoff(Duration first, Duration max, int maxAttempts) {

  /**
   * The wait before the next attempt after {@code attemptsSoFar} failed ones, or {@code null} when
   * the notification has had all its attempts.
   */
  Duration after(int attemptsSoFar) {
    if (attemptsSoFar >= maxAttempts) {
      return null;
    }
    Duration wait = first;
    for (int i = 1; i < attemptsSoFar && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
