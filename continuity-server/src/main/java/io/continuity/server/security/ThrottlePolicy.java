package io.continuity.server.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The throttle's arithmetic, without a store: a fixed window of {@code max-failures} per pair, a
 * block of {@code base-backoff × 2^(strikes-1)} (at most {@code max-backoff}) when the window
 * fills, a fresh window after each block, and strikes forgotten once the pair has been quiet for
 * {@code max-backoff} after its last block. For the audit trail, at most one {@code
 * AUTHENTICATION_FAILED} event per pair and minute, carrying the failures since the previous one.
 */
final class ThrottlePolicy {

  private final ThrottleProperties properties;

  ThrottlePolicy(ThrottleProperties properties) {
    this.properties = properties;
  }

  /** What a failed sign-in (credentials checked and refused) does to the pair. */
  Outcome failed(Optional<ThrottleState> prior, Instant now) {
    ThrottleState s = prior.orElseGet(() -> ThrottleState.fresh(now));
    int failures = s.failures();
    Instant windowStarted = s.windowStarted();
    if (!now.isBefore(windowStarted.plus(properties.window()))) {
      failures = 0;
      windowStarted = now;
    }
    int strikes = s.strikes();
    if (s.blockedUntil().isPresent()
        && !now.isBefore(s.blockedUntil().get().plus(properties.maxBackoff()))) {
      strikes = 0;
    }
    failures++;
    Optional<Instant> blockedUntil = s.blockedUntil();
    Optional<Duration> newBlock = Optional.empty();
    if (failures >= properties.maxFailures()) {
      strikes++;
      Duration backoff = backoff(strikes);
      newBlock = Optional.of(backoff);
      blockedUntil = Optional.of(now.plus(backoff));
      failures = 0;
      windowStarted = now;
    }
    return audited(
        new ThrottleState(
            failures, windowStarted, now, strikes, blockedUntil, s.auditedMinute(), s.unaudited()),
        now,
        newBlock);
  }

  /**
   * What a refused attempt of a blocked pair does: it is not checked, does not lengthen the block,
   * and counts only for the audit trail.
   */
  Outcome throttled(ThrottleState s, Instant now) {
    return audited(s, now, Optional.empty());
  }

  /** The block after the given number of strikes: doubling from the base, capped. */
  Duration backoff(int strikes) {
    Duration backoff = properties.baseBackoff();
    for (int i = 1; i < strikes && backoff.compareTo(properties.maxBackoff()) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
  }

  private static Outcome audited(ThrottleState s, Instant now, Optional<Duration> newBlock) {
    int unaudited = s.unaudited() + 1;
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    OptionalInt report = OptionalInt.empty();
    Optional<Instant> auditedMinute = s.auditedMinute();
    if (auditedMinute.isEmpty() || minute.isAfter(auditedMinute.get())) {
      report = OptionalInt.of(unaudited);
      unaudited = 0;
      auditedMinute = Optional.of(minute);
    }
    ThrottleState next =
        new ThrottleState(
            s.failures(),
            s.windowStarted(),
            s.lastFailureAt(),
            s.strikes(),
            s.blockedUntil(),
            auditedMinute,
            unaudited);
    return new Outcome(next, newBlock, report);
  }

  /**
   * The pair's new state; the block this failure started (empty when none); the failure count an
   * {@code AUTHENTICATION_FAILED} event should report now (empty when this minute already has one).
   */
  record Outcome(ThrottleState next, Optional<Duration> newBlock, OptionalInt reportFailures) {}
}
