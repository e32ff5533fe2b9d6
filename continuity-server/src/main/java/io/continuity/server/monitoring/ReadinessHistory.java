package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The stored history as readiness reports read it: one ordered pass over observations and status
 * changes, and how long one observation counts as evidence. A raw observation counts for the
 * staleness threshold of its resource's tier (what the watchdog allows before visibility is lost);
 * an observation from the downsampled part of the history (older than {@code retention.raw}) for
 * two downsample buckets plus that threshold, since only the first of each bucket is kept.
 */
public class ReadinessHistory {

  private final ReadinessHistoryRepository repository;
  private final MonitoringProperties properties;
  private final Clock clock;

  ReadinessHistory(
      ReadinessHistoryRepository repository, MonitoringProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Streams the history of {@code [from, to)} to {@code sink} in one query, ordered by resource and
   * time: each resource's last status change before {@code from}, then its observations (from
   * {@link #longestEvidence()} before {@code from}, since they still count at {@code from}) and
   * changes.
   */
  public void scan(Instant from, Instant to, Consumer<HistoryRow> sink) {
    repository.scan(from.minus(longestEvidence()), from, to, sink);
  }

  /** The largest lag in one bucket of a lag-over-time chart. */
  public record LagPoint(Instant at, double lagSeconds) {}

  /**
   * The lag of one resource over {@code [from, to)} for a chart of at most {@code points} points:
   * the largest lag observed in each equal slice of the period (slices without a lag are absent, so
   * gaps stay gaps). One grouped query.
   */
  public java.util.List<LagPoint> lagOverTime(
      String resourceId, Instant from, Instant to, int points) {
    long seconds = Math.max(1, Duration.between(from, to).toSeconds());
    long bucket = Math.max(1, (seconds + points - 1) / Math.max(1, points));
    return repository.maxLagPerBucket(resourceId, from, to, bucket).stream()
        .map(p -> new LagPoint(Instant.ofEpochSecond((long) p[0]), p[1]))
        .toList();
  }

  /** How long an observation of this resource made at {@code observedAt} counts as evidence. */
  public Duration evidenceFor(Resource resource, Instant observedAt) {
    Duration staleness = properties.stalenessFor(resource.tier());
    Instant rawSince = clock.instant().minus(properties.retention().raw());
    return observedAt.isBefore(rawSince)
        ? staleness.plus(properties.retention().downsampleBucket().multipliedBy(2))
        : staleness;
  }

  /** The longest any observation counts as evidence. */
  public Duration longestEvidence() {
    Duration longest = Duration.ZERO;
    for (io.continuity.core.inventory.Tier tier : io.continuity.core.inventory.Tier.values()) {
      Duration staleness = properties.stalenessFor(tier);
      if (staleness.compareTo(longest) > 0) {
        longest = staleness;
      }
    }
    return longest.plus(properties.retention().downsampleBucket().multipliedBy(2));
  }

  /** When raw history begins: older observations are downsampled. */
  public Instant rawSince() {
    return clock.instant().minus(properties.retention().raw());
  }

  /** How long history is kept at all ({@code retention.max}). */
  public Duration keptFor() {
    return properties.retention().max();
  }

  /** The downsample bucket of the older history. */
  public Duration downsampleBucket() {
    return properties.retention().downsampleBucket();
  }
}
