package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import io.continuity.core.status.StatusOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges a resource's latest outcome against the clock at the moment it is read, on every instance:
 * the one way the status API, the console, group statuses, the metrics gauges and the execution
 * engine's evidence read an outcome (safety invariant 6, decision 012). A stored outcome whose
 * evidence is still within the staleness threshold is returned as stored. One whose evidence is
 * older than the threshold (or that has none) is evaluated again by the core {@link
 * io.continuity.core.status.StatusEvaluator} of its tier, with the stored outcome as the previous
 * one — exactly what the prober's {@link StalenessWatchdog} does — so it reads as visibility LOST
 * with its last known status and age, never GREEN, however long ago the prober that wrote it
 * stopped. Nothing judged here is stored: the prober's watchdog stores its own judgement.
 *
 * <p>While a resource stays stale, each read's judgement is the previous one for the next, so the
 * time this instance first saw the loss ({@code lostSince}) stays put from read to read.
 */
final class ReadTimeJudge {

  private final LatestOutcomes latest;
  private final TierEvaluators evaluators;
  private final Clock clock;
  private final Map<String, Judged> stale = new ConcurrentHashMap<>();

  ReadTimeJudge(LatestOutcomes latest, TierEvaluators evaluators, Clock clock) {
    this.latest = latest;
    this.evaluators = evaluators;
    this.clock = clock;
  }

  /** This instance's latest outcome and observation of a resource, judged now. */
  LatestOutcomes.Latest current(Resource resource) {
    return judge(resource, latest.latest(resource.id()));
  }

  /**
   * A latest outcome and observation (from memory or just read from the store), judged now; with
   * none, the outcome of a resource never observed (visibility LOST, never green).
   */
  LatestOutcomes.Latest judge(Resource resource, Optional<LatestOutcomes.Latest> stored) {
    if (stored.isEmpty()) {
      return new LatestOutcomes.Latest(
          evaluators.of(resource).evaluate(resource, Optional.empty(), Optional.empty()),
          Optional.empty());
    }
    LatestOutcomes.Latest current = stored.get();
    StatusOutcome outcome = current.outcome();
    if (isFresh(resource, outcome, clock.instant())) {
      stale.remove(resource.id());
      return current;
    }
    Judged before = stale.get(resource.id());
    StatusOutcome previous =
        before != null && before.basis().equals(outcome) ? before.judged() : outcome;
    StatusOutcome judged =
        evaluators.of(resource).evaluate(resource, current.observation(), Optional.of(previous));
    stale.put(resource.id(), new Judged(outcome, judged));
    return new LatestOutcomes.Latest(judged, current.observation());
  }

  /**
   * Changes whenever a latest outcome's verdict changes ({@link LatestOutcomes#verdictVersion}).
   */
  long verdictVersion() {
    return latest.verdictVersion();
  }

  /**
   * Until when a judgement made at {@code now} stays what this judge would say, the evidence aside:
   * the first instant the clock alone could change it. A fresh outcome holds until its evidence is
   * older than the threshold (then it is judged again, never GREEN). An outcome without visibility
   * may also turn RED once the loss lasts longer than the RPO target, measured from its last known
   * evidence, its evidence or when the loss was noticed: each of those plus the target counts.
   * {@link Instant#MAX} when nothing can change with time alone.
   */
  Instant holdsUntil(Resource resource, StatusOutcome outcome, Instant now) {
    Instant until = Instant.MAX;
    Optional<Instant> evidenceAt = outcome.freshness().observedAt();
    if (evidenceAt.isPresent()) {
      until = earlier(until, evidenceAt.get().plus(evaluators.stalenessThreshold(resource)), now);
    }
    if (!outcome.isVisible()) {
      Duration rpo = resource.rpo().target();
      for (Optional<Instant> from :
          List.of(outcome.lastKnownAt(), outcome.lostSince(), evidenceAt)) {
        if (from.isPresent()) {
          until = earlier(until, from.get().plus(rpo), now);
        }
      }
    }
    return until;
  }

  /**
   * The earlier of {@code until} and a boundary at which a judgement may change (at it or just
   * after it): a boundary still to come holds until it; one that is now holds for this instant
   * only.
   */
  private static Instant earlier(Instant until, Instant boundary, Instant now) {
    Instant candidate = boundary.equals(now) ? boundary.plusNanos(1) : boundary;
    return candidate.isAfter(now) && candidate.isBefore(until) ? candidate : until;
  }

  /** The watchdog's test: evidence present and no older than the resource's threshold. */
  private boolean isFresh(Resource resource, StatusOutcome outcome, Instant now) {
    Optional<Instant> evidenceAt = outcome.freshness().observedAt();
    if (evidenceAt.isEmpty()) {
      return false;
    }
    Duration threshold = evaluators.stalenessThreshold(resource);
    return Duration.between(evidenceAt.get(), now).compareTo(threshold) <= 0;
  }

  /** A stale outcome as stored and this instance's latest judgement of it. */
  private record Judged(StatusOutcome basis, StatusOutcome judged) {}
}
