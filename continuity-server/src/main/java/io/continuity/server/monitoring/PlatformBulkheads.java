package io.continuity.server.monitoring;

import io.continuity.connector.api.Platform;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bulkhead per platform bounding how many of its probes hold a worker at once, so a platform
 * whose probes hang can take at most {@code perPlatform} workers and never starve the others. A
 * probe that finds its platform full waits in that platform's queue (never on a worker) and starts
 * as soon as one of the platform's probes returns; a permit is held until the probe's thread really
 * returns, even after its timeout was recorded.
 */
final class PlatformBulkheads {

  private final int perPlatform;
  private final Map<Platform, Bulkhead> bulkheads = new ConcurrentHashMap<>();

  PlatformBulkheads(int perPlatform) {
    if (perPlatform < 1) {
      throw new IllegalArgumentException("platform concurrency must be at least 1");
    }
    this.perPlatform = perPlatform;
  }

  /** Runs {@code start} now if the platform has a free permit, else when one is returned. */
  void submit(Platform platform, Runnable start) {
    if (bulkhead(platform).admit(start)) {
      start.run();
    }
  }

  /** Returns a permit: the next waiting probe of the platform, if any, starts with it. */
  void leave(Platform platform) {
    Runnable next = bulkhead(platform).handOver();
    if (next != null) {
      next.run();
    }
  }

  /** Probes of this platform holding a permit now. */
  int inFlight(Platform platform) {
    return bulkhead(platform).inFlight();
  }

  /** Probes of this platform waiting for a permit now. */
  int waiting(Platform platform) {
    return bulkhead(platform).waiting();
  }

  private Bulkhead bulkhead(Platform platform) {
    return bulkheads.computeIfAbsent(platform, p -> new Bulkhead(perPlatform));
  }

  /** Permits and the queue of one platform, guarded by its own lock. */
  private static final class Bulkhead {
    private final int permits;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    Bulkhead(int permits) {
      this.permits = permits;
    }

    /** True when a permit was taken for {@code start}; false when it was queued. */
    synchronized boolean admit(Runnable start) {
      if (inFlight < permits) {
        inFlight++;
        return true;
      }
      waiting.add(start);
      return false;
    }

    /** The next waiting start, which keeps the returned permit; null when none waits. */
    synchronized Runnable handOver() {
      Runnable next = waiting.poll();
      if (next == null) {
        inFlight--;
      }
      return next;
    }

    synchronized int inFlight() {
      return inFlight;
    }

    synchronized int waiting() {
      return waiting.size();
    }
  }
}
