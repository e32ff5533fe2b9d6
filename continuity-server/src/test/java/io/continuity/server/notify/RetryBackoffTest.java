package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(2), 5);

  @Test
  void waitDoublesAfterEachFailureUpToTheMaximum() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(120));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void noFurtherAttemptAfterTheLastOne() {
    assertThat(backoff.after(5)).isNull();
    assertThat(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).after(1)).isNull();
  }
}
