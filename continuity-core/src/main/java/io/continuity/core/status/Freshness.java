package io.continuity.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How old the evidence behind an outcome is. {@code observedAt} is the time of the newest
 * successful probe known (kept across failed probes); {@code age} is how long before the evaluation
 * that was, never negative (a probe time in the future counts as age zero). Both are empty when
 * there has never been evidence. {@code stale} is true when the age exceeds the evaluator's
 * staleness threshold or there is no evidence at all.
 */
public record Freshness(Optional<Instant> observedAt, Optional<Duration> age, boolean stale) {

  public Freshness {
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(age, "age");
    if (observedAt.isPresent() != age.isPresent()) {
      throw new IllegalArgumentException("freshness needs both observedAt and age, or neither");
    }
    if (age.isPresent() && age.get().isNegative()) {
      throw new IllegalArgumentException("evidence age cannot be negative: " + age.get());
    }
    if (observedAt.isEmpty() && !stale) {
      throw new IllegalArgumentException("missing evidence is always stale");
    }
  }

  /** Evidence from {@code observedAt}, judged at {@code now} against {@code threshold}. */
  public static Freshness of(Instant observedAt, Instant now, Duration threshold) {
    Duration age = Duration.between(observedAt, now);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    return new Freshness(Optional.of(observedAt), Optional.of(age), age.compareTo(threshold) > 0);
  }

  /** No evidence at all. */
  public static Freshness missing() {
    return new Freshness(Optional.empty(), Optional.empty(), true);
  }

  public boolean isMissing() {
    return observedAt.isEmpty();
  }

  /** The older of two freshnesses; missing evidence counts as the oldest. */
  public static Freshness oldest(Freshness a, Freshness b) {
    if (a.isMissing()) {
      return a;
    }
    if (b.isMissing()) {
      return b;
    }
    Freshness older = a.observedAt.get().isAfter(b.observedAt.get()) ? b : a;
    return new Freshness(older.observedAt, older.age, a.stale || b.stale);
  }
}
