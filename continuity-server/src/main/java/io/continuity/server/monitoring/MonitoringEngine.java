package io.continuity.server.monitoring;

import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the probe scheduler and the staleness watchdog with the application and stops them (and
 * closes every connector) on shutdown. Only present when {@code continuity.monitoring.enabled}.
 */
final class MonitoringEngine implements SmartLifecycle {

  private final ProbeScheduler scheduler;
  private final StalenessWatchdog watchdog;
  private final MonitoringExecutors executors;
  private final MonitoringProperties properties;
  private volatile boolean running;

  MonitoringEngine(
      ProbeScheduler scheduler,
      StalenessWatchdog watchdog,
      MonitoringExecutors executors,
      MonitoringProperties properties) {
    this.scheduler = scheduler;
    this.watchdog = watchdog;
    this.executors = executors;
    this.properties = properties;
  }

  @Override
  public void start() {
    scheduler.start();
    long every = properties.watchdogEvery().toMillis();
    executors
        .watchdog()
        .scheduleWithFixedDelay(watchdog::safePass, every, every, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    executors.close();
    scheduler.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
