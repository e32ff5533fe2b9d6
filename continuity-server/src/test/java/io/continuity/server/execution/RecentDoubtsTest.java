package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentDoubtsTest {

  static final ExecutionDoubt DOUBT =
      new ExecutionDoubt("exec-1", "orders-db", "promote-target", "INTERRUPTED", Instant.EPOCH);

  @Test
  void aReadIsReusedWithinTheTimeAndForgettingGoesBackToTheStore() {
    RecentDoubts recent = new RecentDoubts(Duration.ofMinutes(1));
    AtomicInteger reads = new AtomicInteger();

    assertThat(recent.all(() -> count(reads, Map.of()))).isEmpty();
    assertThat(recent.all(() -> count(reads, Map.of("orders-db", DOUBT)))).isEmpty();
    assertThat(reads).hasValue(1);

    recent.forget(); // e.g. this instance just ended a run FAILED
    assertThat(recent.all(() -> count(reads, Map.of("orders-db", DOUBT))))
        .containsEntry("orders-db", DOUBT);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aReadOverlappingAForgetIsNotKept() {
    RecentDoubts recent = new RecentDoubts(Duration.ofMinutes(1));
    AtomicInteger reads = new AtomicInteger();
    // the store is read, and while it is, a run ends FAILED here and forgets
    recent.all(
        () -> {
          recent.forget();
          return count(reads, Map.of());
        });
    assertThat(recent.all(() -> count(reads, Map.of("orders-db", DOUBT))))
        .containsEntry("orders-db", DOUBT);
    assertThat(reads).hasValue(2);
  }

  @Test
  void withNoReuseEveryReadGoesToTheStore() {
    RecentDoubts recent = new RecentDoubts(Duration.ZERO);
    AtomicInteger reads = new AtomicInteger();
    recent.all(() -> count(reads, Map.of()));
    recent.all(() -> count(reads, Map.of()));
    assertThat(reads).hasValue(2);
  }

  private static Map<String, ExecutionDoubt> count(
      AtomicInteger reads, Map<String, ExecutionDoubt> answer) {
    reads.incrementAndGet();
    return answer;
  }
}
