package io.continuity.server.security;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throttles password and token guessing per (user name, client address), with the counts in the
 * store so every instance shares them (decision 017). Throttling, not lockout: only the pair that
 * failed is refused, so the same person from another address still signs in. Failures are audited
 * as {@link SignInEvents#AUTHENTICATION_FAILED} (at most one event per pair and minute, with a
 * count); crossing the threshold is audited as {@link SignInEvents#SIGN_IN_THROTTLED}, which
 * notifies the admins.
 */
@Service
public class SignInThrottle {

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private final AuthThrottleRepository repository;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ThrottlePolicy policy;
  private final ThrottleProperties properties;
  private final ClearPairs clear;

  SignInThrottle(
      AuthThrottleRepository repository,
      AuditTrail audit,
      PlatformTransactionManager transactions,
      Clock clock,
      ThrottleProperties properties,
      @Value("${continuity.security.throttle.trust-clear-for:1s}") Duration trustClearFor) {
    this.clear = new ClearPairs(trustClearFor, clock);
    this.repository = repository;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.policy = new ThrottlePolicy(properties);
    this.properties = properties;
  }

  /** Whether the pair may try now; read before any credential is checked. */
  Verdict check(SignInAttempt attempt) {
    if (clear.isClear(attempt)) {
      return new Verdict(Optional.empty(), false);
    }
    Instant now = clock.instant();
    Optional<ThrottleState> state = repository.find(attempt.username(), attempt.clientAddress());
    if (state.isEmpty()) {
      clear.sawClear(attempt);
    }
    Optional<Duration> retryAfter =
        state.filter(s -> s.blockedAt(now)).map(s -> Duration.between(now, s.blockedUntil().get()));
    return new Verdict(retryAfter, state.isPresent());
  }

  /** Records a refused attempt of a blocked pair (its credentials were not checked). */
  void throttled(SignInAttempt attempt) {
    clear.forget(attempt);
    Instant now = now();
    tx.executeWithoutResult(
        status -> {
          Optional<ThrottleState> prior =
              repository.lock(attempt.username(), attempt.clientAddress(), now);
          ThrottlePolicy.Outcome outcome =
              policy.throttled(prior.orElseGet(() -> ThrottleState.fresh(now)), now);
          repository.save(attempt.username(), attempt.clientAddress(), outcome.next());
          outcome
              .reportFailures()
              .ifPresent(n -> appendFailed(attempt, "throttled: too many failed sign-ins", n, now));
        });
  }

  /** Records a failed sign-in; may block the pair and raise the admins' alert. */
  void failed(SignInAttempt attempt, String reason) {
    clear.forget(attempt);
    Instant now = now();
    tx.executeWithoutResult(
        status -> {
          Optional<ThrottleState> prior =
              repository.lock(attempt.username(), attempt.clientAddress(), now);
          ThrottlePolicy.Outcome outcome = policy.failed(prior, now);
          repository.save(attempt.username(), attempt.clientAddress(), outcome.next());
          outcome.reportFailures().ifPresent(n -> appendFailed(attempt, reason, n, now));
          outcome.newBlock().ifPresent(block -> appendThrottled(attempt, outcome, block, now));
          repository.purgeQuietSince(
              now.minus(properties.window())
                  .minus(properties.maxBackoff())
                  .minus(Duration.ofDays(1)),
              now);
        });
    log.info(
        "Sign-in failed: {} as '{}' from {}: {}",
        attempt.mechanism(),
        attempt.username(),
        attempt.clientAddress(),
        reason);
  }

  /**
   * Forgets the pair's failures after a successful sign-in; failures not yet on the audit trail are
   * appended first. {@code hadRecord} (from {@link #check}) spares a write when there was nothing.
   */
  void succeeded(SignInAttempt attempt, boolean hadRecord) {
    if (!hadRecord) {
      return;
    }
    clear.forget(attempt);
    Instant now = now();
    tx.executeWithoutResult(
        status -> {
          repository
              .find(attempt.username(), attempt.clientAddress())
              .filter(s -> s.unaudited() > 0)
              .ifPresent(
                  s ->
                      appendFailed(
                          attempt,
                          "failed sign-ins not reported yet, before a successful sign-in",
                          s.unaudited(),
                          now));
          repository.delete(attempt.username(), attempt.clientAddress());
        });
  }

  private void appendFailed(SignInAttempt attempt, String reason, int failures, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("username", attempt.username());
    details.put("clientAddress", attempt.clientAddress());
    details.put("mechanism", attempt.mechanism().name());
    details.put("failures", Integer.toString(failures));
    audit.append(
        GenericAuditEvent.of(
            SignInEvents.AUTHENTICATION_FAILED, SignInEvents.ANONYMOUS, now, reason, details));
  }

  private void appendThrottled(
      SignInAttempt attempt, ThrottlePolicy.Outcome outcome, Duration block, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("username", attempt.username());
    details.put("clientAddress", attempt.clientAddress());
    details.put("mechanism", attempt.mechanism().name());
    details.put("failures", Integer.toString(properties.maxFailures()));
    details.put("window", properties.window().toString());
    details.put("blockedForSeconds", Long.toString(block.toSeconds()));
    details.put("blockedUntil", now.plus(block).toString());
    details.put("strikes", Integer.toString(outcome.next().strikes()));
    audit.append(
        GenericAuditEvent.of(
            SignInEvents.SIGN_IN_THROTTLED,
            SignInEvents.THROTTLE,
            now,
            properties.maxFailures()
                + " failed sign-ins as '"
                + attempt.username()
                + "' from "
                + attempt.clientAddress()
                + " within "
                + properties.window().toMinutes()
                + " min; refused for "
                + block.toSeconds()
                + " s",
            details));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Empty {@code retryAfter} when the pair may try; {@code hadRecord} when it has failures. */
  record Verdict(Optional<Duration> retryAfter, boolean hadRecord) {

    boolean throttled() {
      return retryAfter.isPresent();
    }

    /** Whole seconds to wait, at least 1 (for {@code Retry-After}). */
    long retryAfterSeconds() {
      return retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(0L);
    }
  }
}
