package io.continuity.server.notify;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the projector and the dispatcher on two threads of their own, each at its configured
 * interval, so a slow SMTP server or webhook delays neither the projection nor anything else the
 * server schedules (expiry, monitoring, executions). A failing round is logged and tried again.
 */
final class NotificationWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationWorkers.class);

  private final NotificationProjector projector;
  private final NotificationDispatcher dispatcher;
  private final NotifyProperties properties;
  private ScheduledExecutorService projectorThread;
  private ScheduledExecutorService dispatcherThread;

  NotificationWorkers(
      NotificationProjector projector,
      NotificationDispatcher dispatcher,
      NotifyProperties properties) {
    this.projector = projector;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    projectorThread = Executors.newSingleThreadScheduledExecutor(named("notify-projector"));
    dispatcherThread = Executors.newSingleThreadScheduledExecutor(named("notify-dispatcher"));
    long projectEvery = properties.projectorInterval().toMillis();
    long dispatchEvery = properties.dispatcherInterval().toMillis();
    projectorThread.scheduleWithFixedDelay(
        () -> round("projecting audit events", projector::projectAll),
        projectEvery,
        projectEvery,
        TimeUnit.MILLISECONDS);
    dispatcherThread.scheduleWithFixedDelay(
        () -> round("sending notifications", dispatcher::dispatchDue),
        dispatchEvery,
        dispatchEvery,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    for (ScheduledExecutorService thread :
        new ScheduledExecutorService[] {projectorThread, dispatcherThread}) {
      if (thread != null) {
        thread.shutdownNow();
        try {
          thread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    projectorThread = null;
    dispatcherThread = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return projectorThread != null;
  }

  private static void round(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("Notifications: {} failed; trying again at the next interval", what, e);
    }
  }

  private static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
