package io.continuity.server.web.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The rule by which {@link StatusQuery} gives a read again instead of judging the estate anew
 * (decision 023). A read is given while every verdict in it holds (the verdict version it was
 * judged at is still current and the clock is before the first instant at which time alone could
 * change a judgement) and it is younger than the reuse time. Past the reuse time, while its
 * verdicts still hold, one caller judges again and the others keep it until the new read is there;
 * once a verdict may have changed, every caller waits for the new read: a read whose GREEN could
 * have gone stale is never given.
 *
 * @param <T> what a read is
 */
final class ReusedRead<T> {

  /** A read, its verdict version, and until when (exclusive) every judgement in it holds. */
  record Judged<T>(T read, long version, Instant verdictsUntil) {}

  private final Duration reuseFor;
  private final Clock clock;
  private final LongSupplier verdictVersion;
  private final Supplier<Judged<T>> judge;
  private final ReentrantLock judging = new ReentrantLock();
  private volatile Kept<T> last;

  private record Kept<T>(Judged<T> judged, Instant freshUntil) {
    boolean verdictsHold(long versionNow, Instant now) {
      return judged.version() == versionNow && now.isBefore(judged.verdictsUntil());
    }
  }

  ReusedRead(
      Duration reuseFor, Clock clock, LongSupplier verdictVersion, Supplier<Judged<T>> judge) {
    this.reuseFor = reuseFor;
    this.clock = clock;
    this.verdictVersion = verdictVersion;
    this.judge = judge;
  }

  T get() {
    if (reuseFor.isZero() || reuseFor.isNegative()) {
      return judge.get().read();
    }
    Kept<T> kept = last;
    if (kept != null && kept.verdictsHold(verdictVersion.getAsLong(), clock.instant())) {
      if (clock.instant().isBefore(kept.freshUntil())) {
        return kept.judged().read();
      }
      if (!judging.tryLock()) {
        return kept.judged().read(); // another caller is judging; these verdicts still hold
      }
    } else {
      judging.lock();
    }
    try {
      return judgeIfNeeded();
    } finally {
      judging.unlock();
    }
  }

  /** Forgets the kept read (the inventory changed): the next caller judges. */
  void forget() {
    last = null;
  }

  private T judgeIfNeeded() {
    Kept<T> kept = last;
    Instant now = clock.instant();
    if (kept != null
        && kept.verdictsHold(verdictVersion.getAsLong(), now)
        && now.isBefore(kept.freshUntil())) {
      return kept.judged().read();
    }
    Instant judgedAt = clock.instant();
    Judged<T> judged = judge.get();
    last = new Kept<>(judged, judgedAt.plus(reuseFor));
    return judged.read();
  }
}
