package io.continuity.server.monitoring;

import io.continuity.core.status.Observation;
import io.continuity.server.inventory.Inventory;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps this instance's {@link LatestOutcomes} as the prober wrote them to the store, while another
 * instance probes: every pass reads the latest outcome of every resource and the observations they
 * were judged on that are new since the last pass (observation ids only grow), one query per table.
 * The API, the metrics gauges and the execution engine's prechecks then read the same evidence on
 * every instance. A follower publishes no {@link ResourceStatusChanged}: that event belongs to the
 * instance that evaluated the change.
 *
 * <p>The same read, from scratch, is what an instance does first when it becomes the prober, so its
 * evaluations start from the previous outcome and observation in the store.
 */
final class StoreFollower {

  private final Inventory inventory;
  private final StatusOutcomeRepository outcomes;
  private final ObservationRepository observations;
  private final LatestOutcomes latest;
  private final ResourceMetrics metrics;
  private volatile long seenUpTo;

  StoreFollower(
      Inventory inventory,
      StatusOutcomeRepository outcomes,
      ObservationRepository observations,
      LatestOutcomes latest,
      ResourceMetrics metrics) {
    this.inventory = inventory;
    this.outcomes = outcomes;
    this.observations = observations;
    this.latest = latest;
    this.metrics = metrics;
  }

  /**
   * The latest outcome and observation of one resource as stored now, for the reads that must not
   * lag behind the prober by a follow interval (the execution engine's evidence): empty when none
   * is stored.
   */
  Optional<LatestOutcomes.Latest> read(String resourceId) {
    return outcomes
        .find(resourceId)
        .map(outcome -> new LatestOutcomes.Latest(outcome, observations.judgedFor(resourceId)));
  }

  /** Forgets what was read: the next pass reads every latest observation again. */
  void reset() {
    seenUpTo = 0;
  }

  /** One read of the store; returns how many resources of the inventory it refreshed. */
  synchronized int pass() {
    long after = seenUpTo;
    var stored = outcomes.findAllJudged();
    Map<Long, Observation> fresh = observations.judgedAfter(after);
    long highest = after;
    int refreshed = 0;
    for (StatusOutcomeRepository.Judged judged : stored) {
      String id = judged.outcome().subjectId();
      var resource = inventory.resource(id);
      if (resource.isEmpty()) {
        continue;
      }
      Observation observation = fresh.get(judged.observationId());
      Optional<Observation> judgedOn =
          observation != null ? Optional.of(observation) : latest.observation(id);
      latest.put(judged.outcome(), judgedOn);
      metrics.evaluated(resource.get(), judged.outcome());
      if (observation != null) {
        metrics.followed(resource.get(), observation);
      }
      refreshed++;
    }
    for (long observationId : fresh.keySet()) {
      highest = Math.max(highest, observationId);
    }
    seenUpTo = highest;
    return refreshed;
  }
}
