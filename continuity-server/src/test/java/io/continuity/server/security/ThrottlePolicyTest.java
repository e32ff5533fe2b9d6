package io.continuity.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:05Z");

  private final ThrottlePolicy policy =
      new ThrottlePolicy(
          new ThrottleProperties(
              3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(4)));

  private ThrottlePolicy.Outcome failTimes(Optional<ThrottleState> start, Instant at, int times) {
    ThrottlePolicy.Outcome outcome = null;
    Optional<ThrottleState> state = start;
    for (int i = 0; i < times; i++) {
      outcome = policy.failed(state, at);
      state = Optional.of(outcome.next());
    }
    return outcome;
  }

  @Test
  void failuresBelowTheThresholdDoNotBlock() {
    ThrottlePolicy.Outcome outcome = failTimes(Optional.empty(), T0, 2);

    assertThat(outcome.newBlock()).isEmpty();
    assertThat(outcome.next().blockedAt(T0)).isFalse();
    assertThat(outcome.next().failures()).isEqualTo(2);
  }

  @Test
  void reachingTheThresholdBlocksThePairForTheBaseBackoff() {
    ThrottlePolicy.Outcome outcome = failTimes(Optional.empty(), T0, 3);

    assertThat(outcome.newBlock()).contains(Duration.ofSeconds(30));
    assertThat(outcome.next().blockedAt(T0.plusSeconds(29))).isTrue();
    assertThat(outcome.next().blockedAt(T0.plusSeconds(30))).isFalse();
  }

  @Test
  void eachFurtherBlockDoublesTheBackoffUpToTheMaximum() {
    Optional<ThrottleState> state = Optional.empty();
    Instant at = T0;
    Duration[] expected = {
      Duration.ofSeconds(30),
      Duration.ofMinutes(1),
      Duration.ofMinutes(2),
      Duration.ofMinutes(4),
      Duration.ofMinutes(4)
    };
    for (Duration block : expected) {
      ThrottlePolicy.Outcome outcome = failTimes(state, at, 3);
      assertThat(outcome.newBlock()).contains(block);
      state = Optional.of(outcome.next());
      at = outcome.next().blockedUntil().orElseThrow();
    }
  }

  @Test
  void failuresSpreadWiderThanTheWindowNeverBlock() {
    Optional<ThrottleState> state = Optional.empty();
    for (int i = 0; i < 10; i++) {
      ThrottlePolicy.Outcome outcome = policy.failed(state, T0.plus(Duration.ofMinutes(3L * i)));
      assertThat(outcome.newBlock()).isEmpty();
      state = Optional.of(outcome.next());
    }
  }

  @Test
  void strikesAreForgottenAfterAQuietMaxBackoffSinceTheLastBlock() {
    ThrottlePolicy.Outcome first = failTimes(Optional.empty(), T0, 3);
    Instant quietLater = first.next().blockedUntil().orElseThrow().plus(Duration.ofMinutes(4));

    ThrottlePolicy.Outcome again = failTimes(Optional.of(first.next()), quietLater, 3);

    assertThat(again.newBlock()).contains(Duration.ofSeconds(30));
  }

  @Test
  void onlyTheFirstFailureOfAMinuteIsReportedAndTheNextReportCarriesTheCount() {
    ThrottlePolicy.Outcome first = policy.failed(Optional.empty(), T0);
    ThrottlePolicy.Outcome second = policy.failed(Optional.of(first.next()), T0.plusSeconds(10));
    ThrottlePolicy.Outcome throttled = policy.throttled(second.next(), T0.plusSeconds(20));
    ThrottlePolicy.Outcome nextMinute =
        policy.failed(Optional.of(throttled.next()), T0.plusSeconds(60));

    assertThat(first.reportFailures()).hasValue(1);
    assertThat(second.reportFailures()).isEmpty();
    assertThat(throttled.reportFailures()).isEmpty();
    assertThat(nextMinute.reportFailures()).hasValue(3);
  }

  @Test
  void aThrottledAttemptDoesNotLengthenTheBlock() {
    ThrottlePolicy.Outcome blocked = failTimes(Optional.empty(), T0, 3);

    ThrottlePolicy.Outcome throttled = policy.throttled(blocked.next(), T0.plusSeconds(5));

    assertThat(throttled.next().blockedUntil()).isEqualTo(blocked.next().blockedUntil());
    assertThat(throttled.newBlock()).isEmpty();
  }
}
