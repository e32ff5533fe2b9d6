package io.continuity.server.monitoring;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs monitoring on this instance according to its role among the instances sharing the store. It
 * takes or renews the prober lease ({@link ProbeLeadership}) at start-up, then every third of the
 * lease duration while it holds it, and just after the holder's lease runs out while another
 * instance holds it. While this instance holds the lease it probes (the scheduler) and runs the
 * staleness watchdog, having first reloaded the latest outcomes and observations from the store,
 * recorded how long the estate was without a prober ({@link ProberTakeovers}), and judged every
 * resource whose evidence went stale meanwhile (one watchdog pass, so the loss is stored and
 * alerted like any other); its first probes go to the resources whose evidence is oldest. While
 * another instance holds it, it follows the store ({@link StoreFollower}) every follow interval. A
 * single instance takes the lease at start-up and probes at once. On shutdown it stops probing,
 * stores what is queued, closes every connector and gives the lease up. Only present when {@code
 * continuity.monitoring.enabled}.
 */
final class MonitoringEngine implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MonitoringEngine.class);

  private final ProbeScheduler scheduler;
  private final StalenessWatchdog watchdog;
  private final MonitoringExecutors executors;
  private final MonitoringProperties properties;
  private final ProbeLeadership leadership;
  private final StoreFollower follower;
  private final StoreWriter writer;
  private final ProberTakeovers takeovers;
  private final LatestOutcomes latest;
  private final ScheduledExecutorService role;
  private ScheduledFuture<?> watchdogTask;
  private boolean probing;
  private volatile boolean running;

  MonitoringEngine(
      ProbeScheduler scheduler,
      StalenessWatchdog watchdog,
      MonitoringExecutors executors,
      MonitoringProperties properties,
      ProbeLeadership leadership,
      StoreFollower follower,
      StoreWriter writer,
      ProberTakeovers takeovers,
      LatestOutcomes latest) {
    this.scheduler = scheduler;
    this.watchdog = watchdog;
    this.executors = executors;
    this.properties = properties;
    this.leadership = leadership;
    this.follower = follower;
    this.writer = writer;
    this.takeovers = takeovers;
    this.latest = latest;
    this.role =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "continuity-prober-lease");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void start() {
    running = true;
    leaseStep();
    long followEvery = properties.followInterval().toMillis();
    role.scheduleWithFixedDelay(this::follow, followEvery, followEvery, TimeUnit.MILLISECONDS);
  }

  /** Whether this instance probes now. */
  synchronized boolean probing() {
    return probing;
  }

  /** One lease step, then the next one when {@link ProbeLeadership#nextTickIn()} says. */
  private void leaseStep() {
    takeOrRenew();
    if (running) {
      try {
        long wait = Math.max(1, leadership.nextTickIn().toMillis());
        role.schedule(this::leaseStep, wait, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // shutting down
      }
    }
  }

  /** One lease step: take or renew it, and start or stop probing to match. */
  synchronized void takeOrRenew() {
    if (!running) {
      return;
    }
    try {
      boolean leads = leadership.tick();
      if (leads && !probing) {
        startProbing();
      } else if (!leads && probing) {
        stopProbing();
      }
    } catch (RuntimeException e) {
      log.error("the prober lease step failed; the next step retries", e);
    }
  }

  private void startProbing() {
    follower.reset();
    follower.pass(); // the previous outcomes and observations, as the last prober left them
    takeovers.tookOver(
        leadership.owner(), leadership.takenFrom(), leadership.duration(), latest.newestEvidence());
    watchdog.safePass(); // what went stale without a prober is LOST now, stored and alerted
    scheduler.start(); // the oldest evidence first
    long every = properties.watchdogEvery().toMillis();
    watchdogTask =
        executors
            .watchdog()
            .scheduleWithFixedDelay(this::watchdogPass, every, every, TimeUnit.MILLISECONDS);
    probing = true;
  }

  /**
   * A watchdog pass, only while the lease is still this instance's by its own clock: thawed after a
   * freeze longer than the lease, it must not judge (and alert) what the new prober now owns.
   */
  private void watchdogPass() {
    if (leadership.leads()) {
      watchdog.safePass();
    }
  }

  private void stopProbing() {
    probing = false;
    scheduler.stop();
    if (watchdogTask != null) {
      watchdogTask.cancel(false);
    }
    follower.reset();
  }

  private synchronized void follow() {
    if (!running || probing) {
      return;
    }
    try {
      follower.pass();
    } catch (RuntimeException e) {
      log.warn("following the store failed; the next pass retries: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    running = false;
    role.shutdownNow();
    executors.close();
    scheduler.close();
    writer.close();
    leadership.release();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
