package io.continuity.server.execution;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last read of every unacknowledged execution doubt, reused by status reads for up to {@code
 * continuity.status.reuse-read-for} (1 s, as the estate read of decision 023) instead of one store
 * query per request. It is forgotten at once when this instance ends a run FAILED or records an
 * acknowledgement, so this instance's own changes show on the next read and another instance's
 * within that time. Prechecks never use it: they read the store ({@link ExecutionDoubts#of}).
 */
@Component
public class RecentDoubts {

  private final long reuseNanos;
  private final AtomicLong generation = new AtomicLong();
  private volatile Read last;

  private record Read(Map<String, ExecutionDoubt> doubts, long readAtNanos, long generation) {}

  RecentDoubts(@Value("${continuity.status.reuse-read-for:1s}") Duration reuseFor) {
    this.reuseNanos = reuseFor.isNegative() ? 0 : reuseFor.toNanos();
  }

  /** The last read while it is young enough and nothing was forgotten since, else {@code read}. */
  Map<String, ExecutionDoubt> all(Supplier<Map<String, ExecutionDoubt>> read) {
    long now = System.nanoTime();
    long current = generation.get();
    Read kept = last;
    if (kept != null && kept.generation == current && now - kept.readAtNanos < reuseNanos) {
      return kept.doubts;
    }
    Map<String, ExecutionDoubt> fresh = read.get();
    // a forget() while the store was read leaves the generation moved on: that read is not kept
    last = new Read(fresh, now, current);
    return fresh;
  }

  /** Drops the kept read: the next status read goes to the store. */
  void forget() {
    generation.incrementAndGet();
    last = null;
  }
}
