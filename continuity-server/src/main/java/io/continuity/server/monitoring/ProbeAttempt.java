package io.continuity.server.monitoring;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ProbeResult;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Observation;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe of one resource on a worker thread, raced against the engine's own deadline. Whichever
 * finishes first (the probe, or the deadline that cancels and interrupts it) records the single
 * observation of this attempt. The platform permit and the resource's in-flight mark are released
 * only when the worker thread really leaves the probe (or the probe never started), so a probe that
 * ignores interrupts keeps holding them and the resource is not probed again meanwhile.
 */
final class ProbeAttempt implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProbeAttempt.class);

  private final Resource resource;
  private final ConnectorRegistry connectors;
  private final StatusRecorder recorder;
  private final Clock clock;
  private final Duration timeout;
  private final Runnable release;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final long submittedNanos = System.nanoTime();
  private volatile Future<?> task;
  private volatile ScheduledFuture<?> deadline;

  ProbeAttempt(
      Resource resource,
      ConnectorRegistry connectors,
      StatusRecorder recorder,
      Clock clock,
      Duration timeout,
      Runnable release) {
    this.resource = resource;
    this.connectors = connectors;
    this.recorder = recorder;
    this.clock = clock;
    this.timeout = timeout;
    this.release = release;
  }

  /** Wires the attempt to its worker task and its deadline (set before the task can finish). */
  void bind(Future<?> task, ScheduledFuture<?> deadline) {
    this.task = task;
    this.deadline = deadline;
  }

  @Override
  public void run() {
    if (!started.compareAndSet(false, true)) {
      return; // timed out while still queued: already released
    }
    try {
      Observation observation = probe();
      if (settled.compareAndSet(false, true)) {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
          pending.cancel(false);
        }
        recorder.record(resource, observation, elapsed());
      }
    } catch (RuntimeException e) {
      log.warn("recording the probe of {} failed: {}", resource.id(), e.toString());
    } finally {
      Thread.interrupted(); // do not leak an interrupt from a cancelled probe to the next task
      release.run();
    }
  }

  /** The attempt could not be started (shutting down): release once, record nothing. */
  void abandon() {
    settled.set(true);
    ScheduledFuture<?> pending = deadline;
    if (pending != null) {
      pending.cancel(false);
    }
    if (started.compareAndSet(false, true)) {
      release.run();
    }
  }

  /** The engine's deadline passed: record a timeout and interrupt the probe. */
  void expire() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    Future<?> running = task;
    if (running != null) {
      running.cancel(true);
    }
    if (started.compareAndSet(false, true)) {
      release.run(); // never started: nothing else will release
    }
    try {
      recorder.record(
          resource, Observation.timedOut(resource.id(), clock.instant(), timeout), elapsed());
    } catch (RuntimeException e) {
      log.warn("recording the timeout of {} failed: {}", resource.id(), e.toString());
    }
  }

  private Observation probe() {
    ConnectorLookup lookup = connectors.lookup(resource);
    if (lookup instanceof ConnectorLookup.Unavailable unavailable) {
      return Observation.failed(resource.id(), clock.instant(), unavailable.reason());
    }
    try {
      ProbeResult result = ((ConnectorLookup.Available) lookup).connector().probe(timeout);
      if (result == null) {
        return Observation.failed(
            resource.id(), clock.instant(), "the connector returned no result");
      }
      return Observation.of(resource.id(), result);
    } catch (ConnectorException e) {
      return Observation.failed(resource.id(), clock.instant(), e.getMessage());
    } catch (RuntimeException e) {
      return Observation.failed(resource.id(), clock.instant(), e);
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - submittedNanos);
  }
}
