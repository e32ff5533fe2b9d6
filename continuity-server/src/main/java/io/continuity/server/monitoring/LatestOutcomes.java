package io.continuity.server.monitoring;

import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusOutcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory latest outcome and observation of every resource: what the API, the metrics and the
 * watchdog read without touching the store. Filled from the store at start-up (outcomes only), by
 * every evaluation while this instance probes, and from the store (outcomes and the observations
 * they were judged on) when it becomes the prober and while another instance probes ({@link
 * StoreFollower}).
 *
 * <p>These are the outcomes as evaluated, for the evaluators (the recorder, the watchdog, the
 * scheduler). Readers go through the {@link ReadTimeJudge}, which judges them against the clock.
 */
final class LatestOutcomes {

  private final Map<String, Latest> byResource = new ConcurrentHashMap<>();
  private final AtomicLong verdicts = new AtomicLong();

  void load(Iterable<StatusOutcome> stored) {
    for (StatusOutcome outcome : stored) {
      byResource.put(outcome.subjectId(), new Latest(outcome, Optional.empty()));
    }
    verdicts.incrementAndGet();
  }

  void put(StatusOutcome outcome, Optional<Observation> observation) {
    Latest before = byResource.put(outcome.subjectId(), new Latest(outcome, observation));
    if (before == null || !sameVerdict(before.outcome(), outcome)) {
      verdicts.incrementAndGet();
    }
  }

  /**
   * A number that changes whenever a latest outcome says something else: another status,
   * visibility, last known status or reason code (not a newer observation that says the same).
   */
  long verdictVersion() {
    return verdicts.get();
  }

  private static boolean sameVerdict(StatusOutcome a, StatusOutcome b) {
    return a.status() == b.status()
        && a.visibility() == b.visibility()
        && a.lastKnownStatus().equals(b.lastKnownStatus())
        && a.reasons().stream()
            .map(r -> r.code())
            .toList()
            .equals(b.reasons().stream().map(r -> r.code()).toList());
  }

  Optional<Latest> latest(String resourceId) {
    return Optional.ofNullable(byResource.get(resourceId));
  }

  Optional<StatusOutcome> outcome(String resourceId) {
    return Optional.ofNullable(byResource.get(resourceId)).map(Latest::outcome);
  }

  Optional<Observation> observation(String resourceId) {
    return Optional.ofNullable(byResource.get(resourceId)).flatMap(Latest::observation);
  }

  /** The newest evidence behind any latest outcome; empty when there is none. */
  Optional<Instant> newestEvidence() {
    return byResource.values().stream()
        .map(l -> l.outcome().freshness().observedAt())
        .flatMap(Optional::stream)
        .max(Comparator.naturalOrder());
  }

  void retainOnly(Set<String> ids) {
    byResource.keySet().retainAll(ids);
    verdicts.incrementAndGet();
  }

  /** The latest outcome and the observation it was judged on (empty when none is known). */
  record Latest(StatusOutcome outcome, Optional<Observation> observation) {}
}
