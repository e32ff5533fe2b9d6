package io.continuity.server.security;

import java.time.Instant;
import java.util.Optional;

/**
 * What the store keeps of one (user name, client address) pair: failures in the current window, how
 * many times it was blocked ({@code strikes}, for the growing back-off), until when it is blocked,
 * and the audit bookkeeping (the minute of the last {@code AUTHENTICATION_FAILED} event and the
 * failures not reported since).
 */
record ThrottleState(
    int failures,
    Instant windowStarted,
    Instant lastFailureAt,
    int strikes,
    Optional<Instant> blockedUntil,
    Optional<Instant> auditedMinute,
    int unaudited) {

  static ThrottleState fresh(Instant now) {
    return new ThrottleState(0, now, now, 0, Optional.empty(), Optional.empty(), 0);
  }

  boolean blockedAt(Instant now) {
    return blockedUntil.map(now::isBefore).orElse(false);
  }
}
