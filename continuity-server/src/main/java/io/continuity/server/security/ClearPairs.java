package io.continuity.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The (user name, client address) pairs this instance found with no failed sign-in recorded,
 * trusted as clear for {@code continuity.security.throttle.trust-clear-for} (1 s; 0 reads the store
 * every time) so a script calling the API with a good token does not cost a store read per call
 * (decision 017). Any failure, refusal or success this instance records for a pair forgets it at
 * once; a block set through another instance is seen here within that time. Bounded: past {@value
 * #MAX_PAIRS} pairs it starts again empty.
 */
final class ClearPairs {

  static final int MAX_PAIRS = 10_000;

  private final Duration trustFor;
  private final Clock clock;
  private final ConcurrentHashMap<Pair, Instant> seen = new ConcurrentHashMap<>();

  private record Pair(String username, String clientAddress) {
    static Pair of(SignInAttempt attempt) {
      return new Pair(attempt.username(), attempt.clientAddress());
    }
  }

  ClearPairs(Duration trustFor, Clock clock) {
    this.trustFor = trustFor.isNegative() ? Duration.ZERO : trustFor;
    this.clock = clock;
  }

  /** Whether this instance saw the pair clear less than the trusted time ago. */
  boolean isClear(SignInAttempt attempt) {
    Pair pair = Pair.of(attempt);
    Instant at = seen.get(pair);
    if (at == null) {
      return false;
    }
    Duration age = Duration.between(at, clock.instant());
    if (age.isNegative() || age.compareTo(trustFor) >= 0) {
      seen.remove(pair, at);
      return false;
    }
    return true;
  }

  /** The store had no failures recorded for the pair just now. */
  void sawClear(SignInAttempt attempt) {
    if (trustFor.isZero()) {
      return;
    }
    if (seen.size() >= MAX_PAIRS) {
      seen.clear();
    }
    seen.put(Pair.of(attempt), clock.instant());
  }

  /** Something was recorded for the pair: the next check reads the store. */
  void forget(SignInAttempt attempt) {
    seen.remove(Pair.of(attempt));
  }
}
