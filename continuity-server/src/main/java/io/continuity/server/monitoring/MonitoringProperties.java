package io.continuity.server.monitoring;

import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the monitoring engine probes ({@code continuity.monitoring.*}).
 *
 * @param enabled false stops all probing and the staleness watchdog (tests that do not want probes)
 * @param interval how often each resource is probed, per tier
 * @param timeout how long one probe may take; the connector is told and the engine enforces it
 * @param poolSize worker threads that run probes (a fixed pool: Java 17 has no virtual threads)
 * @param platformConcurrency most probes of one platform in flight at once, so a hung platform
 *     cannot take every worker
 * @param stalenessThreshold evidence older than this is stale (visibility LOST); empty means 3 ×
 *     the resource's interval
 * @param watchdogPeriod how often the staleness watchdog looks; empty means the smallest interval
 * @param retention how long observations are kept
 * @param leaderLease how long the prober lease lasts without renewal (renewed every third): among
 *     instances sharing a store only the holder probes, and another takes over within this time
 *     when the holder dies
 * @param followInterval how often an instance that does not probe reads the latest outcomes and
 *     observations from the store
 */
@ConfigurationProperties("continuity.monitoring")
public record MonitoringProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Intervals interval,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("64") int poolSize,
    @DefaultValue("32") int platformConcurrency,
    Duration stalenessThreshold,
    Duration watchdogPeriod,
    @DefaultValue Retention retention,
    @DefaultValue("15s") Duration leaderLease,
    @DefaultValue("2s") Duration followInterval) {

  public MonitoringProperties {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(retention, "retention");
    requirePositive(timeout, "continuity.monitoring.timeout");
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "continuity.monitoring.pool-size must be at least 1, got " + poolSize);
    }
    if (platformConcurrency < 1) {
      throw new IllegalArgumentException(
          "continuity.monitoring.platform-concurrency must be at least 1, got "
              + platformConcurrency);
    }
    if (stalenessThreshold != null) {
      requirePositive(stalenessThreshold, "continuity.monitoring.staleness-threshold");
    }
    if (watchdogPeriod != null) {
      requirePositive(watchdogPeriod, "continuity.monitoring.watchdog-period");
    }
    requirePositive(leaderLease, "continuity.monitoring.leader-lease");
    requirePositive(followInterval, "continuity.monitoring.follow-interval");
    if (leaderLease.toMillis() < 300) {
      throw new IllegalArgumentException(
          "continuity.monitoring.leader-lease must be at least 300ms, got " + leaderLease);
    }
  }

  /** Defaults everywhere (probing enabled). */
  public static MonitoringProperties defaults() {
    return new MonitoringProperties(
        true,
        Intervals.defaults(),
        Duration.ofSeconds(5),
        64,
        32,
        null,
        null,
        Retention.defaults(),
        Duration.ofSeconds(15),
        Duration.ofSeconds(2));
  }

  /** The probe interval of a resource of this tier. */
  public Duration intervalFor(Tier tier) {
    return tier == Tier.TIER_1 ? interval.tier1() : interval.tier2();
  }

  /** The staleness threshold for a resource of this tier. */
  public Duration stalenessFor(Tier tier) {
    return stalenessThreshold != null ? stalenessThreshold : intervalFor(tier).multipliedBy(3);
  }

  /** How often the staleness watchdog looks. */
  public Duration watchdogEvery() {
    if (watchdogPeriod != null) {
      return watchdogPeriod;
    }
    return smallestInterval();
  }

  /** The shorter of the two tier intervals. */
  public Duration smallestInterval() {
    Duration a = interval.tier1();
    Duration b = interval.tier2();
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Probe interval per tier ({@code continuity.monitoring.interval.tier1/tier2}). */
  public record Intervals(
      @DefaultValue("15s") Duration tier1, @DefaultValue("15s") Duration tier2) {

    public Intervals {
      requirePositive(tier1, "continuity.monitoring.interval.tier1");
      requirePositive(tier2, "continuity.monitoring.interval.tier2");
    }

    public static Intervals defaults() {
      return new Intervals(Duration.ofSeconds(15), Duration.ofSeconds(15));
    }
  }

  /**
   * Observation retention: raw rows for {@code raw}, then one per {@code downsampleBucket} per
   * resource until {@code max}, then deleted; the job runs every {@code runEvery}.
   */
  public record Retention(
      @DefaultValue("7d") Duration raw,
      @DefaultValue("5m") Duration downsampleBucket,
      @DefaultValue("90d") Duration max,
      @DefaultValue("1h") Duration runEvery) {

    public Retention {
      requirePositive(raw, "continuity.monitoring.retention.raw");
      requirePositive(downsampleBucket, "continuity.monitoring.retention.downsample-bucket");
      requirePositive(max, "continuity.monitoring.retention.max");
      requirePositive(runEvery, "continuity.monitoring.retention.run-every");
      if (max.compareTo(raw) < 0) {
        throw new IllegalArgumentException(
            "continuity.monitoring.retention.max ("
                + max
                + ") must be at least retention.raw ("
                + raw
                + ")");
      }
      if (downsampleBucket.toSeconds() < 1) {
        throw new IllegalArgumentException(
            "continuity.monitoring.retention.downsample-bucket must be at least 1s");
      }
    }

    public static Retention defaults() {
      return new Retention(
          Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(90), Duration.ofHours(1));
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration such as 15s");
    }
  }
}
