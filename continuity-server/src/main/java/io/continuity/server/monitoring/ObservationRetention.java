package io.continuity.server.monitoring;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the observation history bounded: raw observations for {@code retention.raw} (default 7
 * days), then one per {@code retention.downsample-bucket} (default 5 min) per resource, the first
 * stored in each bucket, until {@code retention.max} (default 90 days), then none. Status changes
 * are kept for {@code retention.max} too. Before downsampling, the {@link HistoryRollup}s (the
 * readiness rollup) read the raw days they need.
 */
public class ObservationRetention {

  private static final Logger log = LoggerFactory.getLogger(ObservationRetention.class);

  private final ObservationRepository observations;
  private final StatusOutcomeRepository outcomes;
  private final MonitoringProperties.Retention retention;
  private final Clock clock;
  private final java.util.List<HistoryRollup> rollups;

  ObservationRetention(
      ObservationRepository observations,
      StatusOutcomeRepository outcomes,
      MonitoringProperties.Retention retention,
      Clock clock) {
    this(observations, outcomes, retention, clock, java.util.List.of());
  }

  ObservationRetention(
      ObservationRepository observations,
      StatusOutcomeRepository outcomes,
      MonitoringProperties.Retention retention,
      Clock clock,
      java.util.List<HistoryRollup> rollups) {
    this.rollups = rollups;
    this.observations = observations;
    this.outcomes = outcomes;
    this.retention = retention;
    this.clock = clock;
  }

  /** Applies the retention now; returns how many observations were deleted. */
  @Scheduled(
      initialDelayString = "${continuity.monitoring.retention.run-every:PT1H}",
      fixedDelayString = "${continuity.monitoring.retention.run-every:PT1H}")
  public int apply() {
    Instant now = clock.instant();
    int deleted = observations.deleteOlderThan(now.minus(retention.max()));
    if (rolledUp()) {
      deleted += observations.downsample(now.minus(retention.raw()), retention.downsampleBucket());
    }
    int changes = outcomes.deleteChangesOlderThan(now.minus(retention.max()));
    if (deleted > 0 || changes > 0) {
      log.info(
          "Observation retention deleted {} observations and {} status changes", deleted, changes);
    }
    return deleted;
  }

  /** Runs the rollups over the raw history first; false (downsample later) when one failed. */
  private boolean rolledUp() {
    for (HistoryRollup rollup : rollups) {
      try {
        rollup.rollUp();
      } catch (RuntimeException e) {
        log.warn("History rollup failed, raw observations are kept until it succeeds", e);
        return false;
      }
    }
    return true;
  }
}
