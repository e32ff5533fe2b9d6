package io.continuity.connector.support;

import io.continuity.connector.api.ConnectorException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A point in time a step must not run past, and the polling every connector does against it: {@link
 * #pollUntil} asks a condition until it answers or the deadline passes, sleeping between attempts;
 * an interrupt turns into a retriable failure (the outcome of what was being waited for is unknown
 * to the caller, not changed by the wait).
 */
public final class Deadline {

  private final Instant at;

  private Deadline(Instant at) {
    this.at = at;
  }

  /** The deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(Instant.now().plus(timeout));
  }

  public boolean passed() {
    return !Instant.now().isBefore(at);
  }

  /** What is left, never negative. */
  public Duration remaining() {
    Duration left = Duration.between(Instant.now(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** One attempt of a poll: empty means "not yet". */
  @FunctionalInterface
  public interface Attempt<T> {
    Optional<T> attempt() throws ConnectorException;
  }

  /**
   * Runs {@code attempt} at least once and again every {@code interval} until it returns a value or
   * the deadline passes.
   *
   * @return the value, or empty when the deadline passed first
   */
  public <T> Optional<T> pollUntil(Duration interval, Attempt<T> attempt)
      throws ConnectorException {
    while (true) {
      Optional<T> value = attempt.attempt();
      if (value.isPresent() || passed()) {
        return value;
      }
      sleep(interval.compareTo(remaining()) < 0 ? interval : remaining());
    }
  }

  /** Sleeps, turning an interrupt into a retriable failure. */
  public static void sleep(Duration duration) throws ConnectorException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable("interrupted while waiting", null);
    }
  }
}
