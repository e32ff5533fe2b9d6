package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling engine. A scheduling pass (every {@link #tick()}) reads {@code inventory.resources()}
 * so added, changed and removed resources are picked up, and starts the probe of every resource
 * that is due on the bounded worker pool.
 *
 * <ul>
 *   <li>Each resource has its tier's interval; every probe after the first is one interval on,
 *       jittered by up to ±2.5 %, so probes do not bunch up. When this instance starts probing
 *       (start-up or a take-over), a resource without a probe for an interval or more is probed at
 *       once, the oldest evidence first, spread over a quarter of the smallest interval; one with
 *       newer evidence when the last prober would have probed it next; one never observed at a
 *       random offset within its interval. Due probes of one pass start oldest due first.
 *   <li>A resource whose previous probe is still running is not probed again: the probe is counted
 *       as missed ({@code continuity_probe_missed_total}).
 *   <li>A platform whose probes all hold its permits ({@link PlatformBulkheads}) gets no further
 *       workers; its due resources wait for the next pass, and one that waited a whole interval is
 *       counted as missed.
 *   <li>Each probe is told its timeout and the engine enforces it: at the deadline the probe is
 *       cancelled and interrupted and a timeout is recorded.
 * </ul>
 */
final class ProbeScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  private final Inventory inventory;
  private final ConnectorRegistry connectors;
  private final StatusRecorder recorder;
  private final ResourceMetrics metrics;
  private final LatestOutcomes latest;
  private final MonitoringProperties properties;
  private final Clock clock;
  private final MonitoringExecutors executors;
  private final PlatformBulkheads bulkheads;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile ScheduledFuture<?> passes;

  ProbeScheduler(
      Inventory inventory,
      ConnectorRegistry connectors,
      StatusRecorder recorder,
      ResourceMetrics metrics,
      LatestOutcomes latest,
      MonitoringProperties properties,
      Clock clock,
      MonitoringExecutors executors) {
    this.inventory = inventory;
    this.connectors = connectors;
    this.recorder = recorder;
    this.metrics = metrics;
    this.latest = latest;
    this.properties = properties;
    this.clock = clock;
    this.executors = executors;
    this.bulkheads = new PlatformBulkheads(properties.platformConcurrency());
  }

  /** Starts the scheduling passes. */
  void start() {
    if (running.compareAndSet(false, true)) {
      planFirstProbes(clock.instant());
      long tickMillis = tick().toMillis();
      passes =
          executors
              .timers()
              .scheduleWithFixedDelay(this::safePass, 0, tickMillis, TimeUnit.MILLISECONDS);
      log.info(
          "Monitoring started: interval tier1 {} tier2 {}, timeout {}, {} workers, {} per"
              + " platform",
          properties.interval().tier1(),
          properties.interval().tier2(),
          properties.timeout(),
          properties.poolSize(),
          properties.platformConcurrency());
    }
  }

  /**
   * Stops the scheduling passes (this instance no longer probes); probes in flight end on their
   * own. A later {@link #start()} plans the first probes again ({@link FirstProbes}).
   */
  void stop() {
    if (running.compareAndSet(true, false)) {
      ScheduledFuture<?> current = passes;
      if (current != null) {
        current.cancel(false);
      }
      slots.clear();
      log.info("Monitoring stopped: another instance probes");
    }
  }

  /**
   * The first due time of every resource when this instance starts probing ({@link FirstProbes}).
   */
  private void planFirstProbes(Instant now) {
    new FirstProbes(properties, ProbeScheduler::randomBelow)
        .plan(
            inventory.resources(),
            id -> latest.outcome(id).flatMap(o -> o.freshness().observedAt()),
            now)
        .forEach((id, due) -> slots.put(id, new Slot(due)));
  }

  /**
   * How often a pass runs: a sixtieth of the smallest interval, between 10 ms and 250 ms, so the
   * probes due in one pass stay a small batch.
   */
  Duration tick() {
    long millis = Math.max(10, Math.min(250, properties.smallestInterval().toMillis() / 60));
    return Duration.ofMillis(millis);
  }

  private void safePass() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.error("a monitoring scheduling pass failed; the next pass retries", e);
    }
  }

  /** One scheduling pass: starts every due probe and forgets removed resources. */
  void pass() {
    Instant now = clock.instant();
    List<Resource> resources = inventory.resources();
    Set<String> ids = new HashSet<>();
    List<Due> due = new ArrayList<>();
    for (Resource resource : resources) {
      ids.add(resource.id());
      Duration interval = properties.intervalFor(resource.tier());
      Slot slot =
          slots.computeIfAbsent(resource.id(), id -> new Slot(now.plus(randomBelow(interval))));
      if (!now.isBefore(slot.due)) {
        due.add(new Due(resource, slot, slot.due));
      }
    }
    due.sort(Comparator.comparing(Due::at));
    for (Due next : due) {
      Resource resource = next.resource();
      Slot slot = next.slot();
      slot.due = nextDue(slot.due, now, properties.intervalFor(resource.tier()));
      if (!slot.inFlight.compareAndSet(false, true)) {
        metrics.missed(resource); // still probing, or still waiting for its platform
        continue;
      }
      bulkheads.submit(resource.platform(), () -> start(resource, slot));
    }
    if (slots.size() != ids.size() || !ids.containsAll(slots.keySet())) {
      slots.keySet().retainAll(ids);
      connectors.retainOnly(ids);
      metrics.retainOnly(ids);
      latest.retainOnly(ids);
      recorder.retainOnly(ids);
    }
  }

  /** Starts the probe of a resource whose platform permit is already taken. */
  private void start(Resource resource, Slot slot) {
    Runnable release =
        () -> {
          bulkheads.leave(resource.platform());
          slot.inFlight.set(false);
        };
    Duration timeout = properties.timeout();
    ProbeAttempt attempt =
        new ProbeAttempt(resource, connectors, recorder, clock, timeout, release);
    FutureTask<Void> task = new FutureTask<>(attempt, null);
    long deadlineMillis = timeout.toMillis() + grace(timeout).toMillis();
    try {
      attempt.bind(
          task,
          executors.timers().schedule(attempt::expire, deadlineMillis, TimeUnit.MILLISECONDS));
      executors.workers().execute(task);
    } catch (RejectedExecutionException e) {
      attempt.abandon(); // shutting down
    }
  }

  /** The connector's own timeout should fire first: the engine waits a little longer. */
  private static Duration grace(Duration timeout) {
    Duration fifth = timeout.dividedBy(5);
    return fifth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : fifth;
  }

  /**
   * The next due time: one interval on, give or take up to 2.5 % (centred, so the mean interval is
   * the configured one); never in a burst to catch up.
   */
  private static Instant nextDue(Instant due, Instant now, Duration interval) {
    Duration spread = interval.dividedBy(20);
    Instant next = due.plus(interval).minus(spread.dividedBy(2)).plus(randomBelow(spread));
    return next.isAfter(now) ? next : now.plus(interval);
  }

  private static Duration randomBelow(Duration bound) {
    long nanos = bound.toNanos();
    return nanos <= 0
        ? Duration.ZERO
        : Duration.ofNanos(ThreadLocalRandom.current().nextLong(nanos));
  }

  @Override
  public void close() {
    running.set(false);
    connectors.close();
  }

  /** A resource due in this pass, and since when. */
  private record Due(Resource resource, Slot slot, Instant at) {}

  /** Scheduling state of one resource. */
  private static final class Slot {
    volatile Instant due;
    final AtomicBoolean inFlight = new AtomicBoolean();

    Slot(Instant due) {
      this.due = due;
    }
  }
}
