package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.inventory.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates every resource whose evidence has aged past its staleness threshold, even when no
 * probe returns at all (its probe hangs, the platform's workers are all stuck, the scheduler
 * stopped): so VISIBILITY_LOST shows on time and a tier 1 loss escalates to RED once it outlasts
 * the RPO target. Runs on its own thread, independent of the scheduler and the probe workers.
 */
final class StalenessWatchdog {

  private static final Logger log = LoggerFactory.getLogger(StalenessWatchdog.class);

  private final Inventory inventory;
  private final LatestOutcomes latest;
  private final StatusRecorder recorder;
  private final Clock clock;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  StalenessWatchdog(
      Inventory inventory, LatestOutcomes latest, StatusRecorder recorder, Clock clock) {
    this.inventory = inventory;
    this.latest = latest;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** One pass; returns how many resources were re-evaluated. */
  int pass() {
    Instant now = clock.instant();
    int evaluated = 0;
    Set<String> ids = new HashSet<>();
    for (Resource resource : inventory.resources()) {
      ids.add(resource.id());
      Duration threshold = recorder.stalenessThreshold(resource);
      Instant seen = firstSeen.computeIfAbsent(resource.id(), id -> now);
      Optional<StatusOutcome> outcome = latest.outcome(resource.id());
      Instant evidenceAt = outcome.flatMap(o -> o.freshness().observedAt()).orElse(seen);
      if (Duration.between(evidenceAt, now).compareTo(threshold) > 0) {
        try {
          recorder.reevaluate(resource);
          evaluated++;
        } catch (RuntimeException e) {
          log.warn("re-evaluating stale {} failed: {}", resource.id(), e.toString());
        }
      }
    }
    firstSeen.keySet().retainAll(ids);
    return evaluated;
  }

  void safePass() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.error("a staleness watchdog pass failed; the next pass retries", e);
    }
  }
}
