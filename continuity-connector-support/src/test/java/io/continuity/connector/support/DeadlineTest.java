package io.continuity.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void pollingReturnsTheFirstAnswerAndStopsAsking() throws Exception {
    AtomicInteger asked = new AtomicInteger();

    Optional<Integer> answer =
        Deadline.in(Duration.ofSeconds(5))
            .pollUntil(
                Duration.ofMillis(1),
                () -> asked.incrementAndGet() == 3 ? Optional.of(42) : Optional.empty());

    assertThat(answer).contains(42);
    assertThat(asked).hasValue(3);
  }

  @Test
  void pollingPastTheDeadlineIsEmptyAfterAtLeastOneAttempt() throws Exception {
    AtomicInteger asked = new AtomicInteger();

    Optional<Integer> answer =
        Deadline.in(Duration.ofMillis(50))
            .pollUntil(
                Duration.ofMillis(10),
                () -> {
                  asked.incrementAndGet();
                  return Optional.empty();
                });

    assertThat(answer).isEmpty();
    assertThat(asked.get()).isGreaterThanOrEqualTo(2);
  }
}
