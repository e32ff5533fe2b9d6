package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusEvaluator;
import io.continuity.core.status.StatusOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Evaluates it with the core {@link StatusEvaluator} against the resource's previous outcome, hands
 * the observation, the new outcome (and a change row when status or visibility changed) to the
 * {@link StoreWriter}, updates the in-memory latest outcome and the metrics, and publishes {@link
 * ResourceStatusChanged}. Evaluations of one resource are serialized; different resources run in
 * parallel.
 */
final class StatusRecorder {

  private final TierEvaluators evaluators;
  private final StoreWriter store;
  private final LatestOutcomes latest;
  private final ResourceMetrics metrics;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  StatusRecorder(
      MonitoringProperties properties,
      Clock clock,
      StoreWriter store,
      LatestOutcomes latest,
      ResourceMetrics metrics,
      ApplicationEventPublisher events) {
    this.evaluators = new TierEvaluators(properties, clock);
    this.clock = clock;
    this.store = store;
    this.latest = latest;
    this.metrics = metrics;
    this.events = events;
  }

  /** Records one probe's observation (a result, a failure or a timeout) and its outcome. */
  StatusOutcome record(Resource resource, Observation observation, Duration took) {
    metrics.probed(resource, observation, took);
    return evaluate(resource, Optional.of(observation), true);
  }

  /**
   * Evaluates a resource again on the evidence it already has (the watchdog's pass): the outcome is
   * stored only when it changed.
   */
  StatusOutcome reevaluate(Resource resource) {
    return evaluate(resource, latest.observation(resource.id()), false);
  }

  /** The staleness threshold that applies to this resource. */
  Duration stalenessThreshold(Resource resource) {
    return evaluators.stalenessThreshold(resource);
  }

  void retainOnly(Set<String> ids) {
    locks.keySet().retainAll(ids);
  }

  private StatusOutcome evaluate(
      Resource resource, Optional<Observation> observation, boolean newObservation) {
    Object lock = locks.computeIfAbsent(resource.id(), id -> new Object());
    StatusOutcome outcome;
    Optional<StatusOutcome> previous;
    boolean changed;
    synchronized (lock) {
      previous = latest.outcome(resource.id());
      outcome = evaluators.of(resource).evaluate(resource, observation, previous);
      changed = ResourceStatusChanged.isChange(previous, outcome);
      if (newObservation || changed || !sameReasons(previous, outcome)) {
        store.submit(
            newObservation ? observation : Optional.empty(),
            outcome,
            changed ? Optional.of(previous) : Optional.empty());
      }
      latest.put(outcome, observation);
    }
    metrics.evaluated(resource, outcome);
    if (changed) {
      events.publishEvent(
          new ResourceStatusChanged(
              resource.id(),
              previous.map(StatusOutcome::status),
              previous.map(StatusOutcome::visibility),
              outcome,
              clock.instant()));
    }
    return outcome;
  }

  private static boolean sameReasons(Optional<StatusOutcome> previous, StatusOutcome current) {
    return previous.isPresent()
        && previous.get().reasons().stream()
            .map(r -> r.code())
            .toList()
            .equals(current.reasons().stream().map(r -> r.code()).toList());
  }
}
