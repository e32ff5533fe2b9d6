package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Tier;
import io.continuity.core.status.StatusEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One core {@link StatusEvaluator} per tier, with that tier's staleness threshold: the rules every
 * judgement of a resource uses, whether a probe returned ({@link StatusRecorder}), the watchdog
 * found its evidence stale, or a reader judges a stored outcome against the clock ({@link
 * ReadTimeJudge}).
 */
final class TierEvaluators {

  private final Map<Tier, StatusEvaluator> evaluators = new EnumMap<>(Tier.class);

  TierEvaluators(MonitoringProperties properties, Clock clock) {
    for (Tier tier : Tier.values()) {
      evaluators.put(tier, new StatusEvaluator(clock, properties.stalenessFor(tier)));
    }
  }

  StatusEvaluator of(Resource resource) {
    return evaluators.get(resource.tier());
  }

  Duration stalenessThreshold(Resource resource) {
    return of(resource).stalenessThreshold();
  }
}
