package io.continuity.server.monitoring;

import io.continuity.connector.api.ProbeResult;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters per resource, tagged {@code resource}, {@code platform}, {@code tier}: gauges
 * {@code continuity_resource_lag_seconds}, {@code _lag_bytes}, {@code _status} (0 green, 1 yellow,
 * 2 red), {@code _evidence_age_seconds}; the timer {@code continuity_probe_duration} and the
 * counters {@code continuity_probe_failures_total} and {@code continuity_probe_missed_total}. An
 * unknown value is NaN, never zero. Meters of a removed resource are removed. The status gauge
 * reads the latest outcome through the {@link ReadTimeJudge} when it is scraped, so it shows a
 * stale outcome as it is now (visibility lost: never 0) on every instance, not as it was last
 * written.
 */
final class ResourceMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final ReadTimeJudge judge;
  private final Map<String, Meters> byResource = new ConcurrentHashMap<>();

  ResourceMetrics(MeterRegistry registry, Clock clock, ReadTimeJudge judge) {
    this.registry = registry;
    this.clock = clock;
    this.judge = judge;
  }

  void probed(Resource resource, Observation observation, Duration took) {
    Meters meters = meters(resource);
    meters.duration.record(took);
    if (!observation.succeeded()) {
      meters.failures.increment();
    }
    lag(meters, observation);
  }

  /** The lag gauges of an observation this instance did not make (read from the store). */
  void followed(Resource resource, Observation observation) {
    lag(meters(resource), observation);
  }

  private static void lag(Meters meters, Observation observation) {
    ProbeResult result = observation.result().orElse(null);
    meters.lagSeconds =
        result == null
            ? Double.NaN
            : result.lag().time().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    meters.lagBytes =
        result == null || result.lag().bytes().isEmpty()
            ? Double.NaN
            : (double) result.lag().bytes().getAsLong();
  }

  void missed(Resource resource) {
    meters(resource).missed.increment();
  }

  void evaluated(Resource resource, StatusOutcome outcome) {
    Meters meters = meters(resource);
    meters.resource = resource;
    meters.evidenceAt = outcome.freshness().observedAt().orElse(null);
  }

  void retainOnly(Set<String> ids) {
    for (String id : List.copyOf(byResource.keySet())) {
      if (!ids.contains(id)) {
        Meters removed = byResource.remove(id);
        if (removed != null) {
          removed.meters.forEach(registry::remove);
        }
      }
    }
  }

  private Meters meters(Resource resource) {
    return byResource.computeIfAbsent(resource.id(), id -> new Meters(resource));
  }

  /** The meters of one resource and the values its gauges read. */
  private final class Meters {
    final List<Meter> meters = new ArrayList<>();
    final Timer duration;
    final Counter failures;
    final Counter missed;
    volatile double lagSeconds = Double.NaN;
    volatile double lagBytes = Double.NaN;
    volatile Resource resource;
    volatile Instant evidenceAt;

    Meters(Resource resource) {
      this.resource = resource;
      Tags tags =
          Tags.of(
              "resource",
              resource.id(),
              "platform",
              resource.platform().name(),
              "tier",
              String.valueOf(resource.tier().number()));
      gauge("continuity.resource.lag.seconds", tags, m -> m.lagSeconds);
      gauge("continuity.resource.lag.bytes", tags, m -> m.lagBytes);
      gauge("continuity.resource.status", tags, Meters::status);
      gauge("continuity.resource.evidence.age.seconds", tags, Meters::evidenceAgeSeconds);
      duration =
          Timer.builder("continuity.probe.duration")
              .description("How long probes take, including failed and timed-out ones")
              .tags(tags)
              .register(registry);
      failures =
          Counter.builder("continuity.probe.failures")
              .description("Probes that failed or timed out")
              .tags(tags)
              .register(registry);
      missed =
          Counter.builder("continuity.probe.missed")
              .description("Probes skipped because the previous one was still running")
              .tags(tags)
              .register(registry);
      meters.add(duration);
      meters.add(failures);
      meters.add(missed);
    }

    private void gauge(String name, Tags tags, java.util.function.ToDoubleFunction<Meters> value) {
      meters.add(
          Gauge.builder(name, this, value).tags(tags).strongReference(true).register(registry));
    }

    /** The latest outcome's status judged now: 0 green, 1 yellow, 2 red. */
    private double status() {
      return judge.current(resource).outcome().status().ordinal();
    }

    private double evidenceAgeSeconds() {
      Instant at = evidenceAt;
      if (at == null) {
        return Double.NaN;
      }
      return Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }
  }
}
