package io.continuity.server.monitoring;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the monitoring engine, made once: a fixed pool of probe workers (no thread per
 * probe), two timer threads for scheduling passes and probe deadlines, and a separate watchdog
 * thread so a stuck scheduler cannot stop visibility from being declared lost.
 */
final class MonitoringExecutors implements AutoCloseable {

  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timers;
  private final ScheduledThreadPoolExecutor watchdog;

  MonitoringExecutors(int poolSize) {
    workers =
        new ThreadPoolExecutor(
            poolSize,
            poolSize,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemon("continuity-probe-"));
    timers = new ScheduledThreadPoolExecutor(2, daemon("continuity-probe-timer-"));
    timers.setRemoveOnCancelPolicy(true);
    watchdog = new ScheduledThreadPoolExecutor(1, daemon("continuity-watchdog-"));
  }

  ExecutorService workers() {
    return workers;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  ScheduledExecutorService watchdog() {
    return watchdog;
  }

  @Override
  public void close() {
    timers.shutdownNow();
    watchdog.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
