package io.continuity.server.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReusedReadTest {

  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  final TestClock clock = new TestClock();
  final AtomicLong version = new AtomicLong();
  final AtomicInteger judged = new AtomicInteger();

  /** How long each judgement's verdicts hold after it. */
  volatile Duration holds = Duration.ofSeconds(30);

  ReusedRead<Integer> reads(Duration reuseFor) {
    return new ReusedRead<>(
        reuseFor,
        clock,
        version::get,
        () ->
            new ReusedRead.Judged<>(
                judged.incrementAndGet(), version.get(), clock.instant().plus(holds)));
  }

  @Test
  void aReadIsGivenAgainOnlyWhileItsVerdictsHoldAndItIsFresh() {
    ReusedRead<Integer> reads = reads(Duration.ofSeconds(1));
    assertThat(reads.get()).isEqualTo(1);
    clock.advance(Duration.ofMillis(999));
    assertThat(reads.get()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1)); // a second old: judged again
    assertThat(reads.get()).isEqualTo(2);

    version.incrementAndGet(); // a verdict changed
    assertThat(reads.get()).isEqualTo(3);

    holds = Duration.ofMillis(200); // evidence goes stale 200 ms after this judgement
    clock.advance(Duration.ofSeconds(1));
    assertThat(reads.get()).isEqualTo(4);
    clock.advance(Duration.ofMillis(200));
    assertThat(reads.get()).isEqualTo(5);

    reads.forget(); // the inventory changed
    assertThat(reads.get()).isEqualTo(6);
  }

  @Test
  void withNoReuseEveryCallJudges() {
    ReusedRead<Integer> reads = reads(Duration.ZERO);
    assertThat(reads.get()).isEqualTo(1);
    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void pastTheReuseTimeOthersKeepTheReadWhileOneJudgesIfItsVerdictsStillHold() throws Exception {
    CountDownLatch judging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Boolean> slow = new AtomicReference<>(false);
    ReusedRead<Integer> reads =
        new ReusedRead<>(
            Duration.ofSeconds(1),
            clock,
            version::get,
            () -> {
              if (slow.get()) {
                judging.countDown();
                await(release);
              }
              return new ReusedRead.Judged<>(
                  judged.incrementAndGet(), version.get(), clock.instant().plus(holds));
            });
    assertThat(reads.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2)); // stale by age, verdicts hold for 28 s more
    slow.set(true);
    CompletableFuture<Integer> judge = CompletableFuture.supplyAsync(reads::get);
    assertThat(judging.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(reads.get()).isEqualTo(1); // not held up behind the judging

    release.countDown();
    assertThat(judge.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void onceAVerdictMayHaveChangedEveryCallerWaitsForTheNewRead() throws Exception {
    CountDownLatch judging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Boolean> slow = new AtomicReference<>(false);
    ReusedRead<Integer> reads =
        new ReusedRead<>(
            Duration.ofSeconds(1),
            clock,
            version::get,
            () -> {
              if (slow.get()) {
                judging.countDown();
                await(release);
              }
              return new ReusedRead.Judged<>(
                  judged.incrementAndGet(), version.get(), clock.instant().plus(holds));
            });
    holds = Duration.ofMillis(500);
    assertThat(reads.get()).isEqualTo(1);
    clock.advance(Duration.ofMillis(600)); // fresh by age, but a GREEN in it may have gone stale
    slow.set(true);
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(reads::get);
    assertThat(judging.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(reads::get);
    Thread.sleep(200);
    assertThat(second).isNotDone(); // it waits: the old read is not given

    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
