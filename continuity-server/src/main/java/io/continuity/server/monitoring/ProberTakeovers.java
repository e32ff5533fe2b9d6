package io.continuity.server.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each time this instance becomes the prober and how long the estate was without one: from
 * the last sign of the previous prober (its last lease renewal, or the newest evidence in the
 * store, whichever is later) to the take-over. Logged, counted ({@code
 * continuity_monitoring_takeovers_total}), the last gap as the gauge {@code
 * continuity_monitoring_prober_gap_seconds} (NaN before any take-over), and shown by the {@code
 * prober} health contributor.
 */
final class ProberTakeovers {

  private static final Logger log = LoggerFactory.getLogger(ProberTakeovers.class);

  private final Clock clock;
  private final Counter takeovers;
  private volatile Takeover last;

  ProberTakeovers(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.takeovers =
        Counter.builder("continuity.monitoring.takeovers")
            .description("Times this instance became the prober")
            .register(registry);
    Gauge.builder("continuity.monitoring.prober.gap.seconds", this, ProberTakeovers::lastGapSeconds)
        .description(
            "How long the estate was without a prober before this instance's last take-over")
        .register(registry);
  }

  /**
   * This instance just became the prober.
   *
   * @param owner this instance's name
   * @param previous the lease before this instance took it: who held it and until when
   * @param lease the lease duration (the previous holder renewed it last at its expiry minus this)
   * @param newestEvidence the newest evidence any prober left in the store
   */
  Takeover tookOver(
      String owner,
      Optional<MonitoringLeaseRepository.Lease> previous,
      Duration lease,
      Optional<Instant> newestEvidence) {
    Instant now = clock.instant();
    Optional<Instant> lastRenewal = previous.map(p -> p.expiresAt().minus(lease));
    Optional<Instant> lastSeen = latest(lastRenewal, newestEvidence);
    Duration gap =
        lastSeen.map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(null);
    Takeover takeover =
        new Takeover(
            now,
            previous.map(MonitoringLeaseRepository.Lease::owner),
            lastSeen,
            Optional.ofNullable(gap));
    last = takeover;
    takeovers.increment();
    if (gap == null) {
      log.info("{} is the prober; there was no prober before it", owner);
    } else {
      log.warn(
          "{} took over probing from {}: the estate was without a prober for {} ms (last sign of"
              + " a prober at {})",
          owner,
          takeover.from().orElse("nobody"),
          gap.toMillis(),
          lastSeen.get());
    }
    return takeover;
  }

  /** The last take-over by this instance; empty when it never became the prober. */
  Optional<Takeover> last() {
    return Optional.ofNullable(last);
  }

  private double lastGapSeconds() {
    Takeover current = last;
    return current == null || current.withoutProber().isEmpty()
        ? Double.NaN
        : current.withoutProber().get().toMillis() / 1000.0;
  }

  private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isAfter(b.get()) ? a : b;
  }

  /**
   * One take-over.
   *
   * @param from who held the lease before, if anyone
   * @param lastSignOfProber the previous prober's last renewal or newest evidence, if any
   * @param withoutProber from that last sign to the take-over; empty when there was no prober
   */
  record Takeover(
      Instant at,
      Optional<String> from,
      Optional<Instant> lastSignOfProber,
      Optional<Duration> withoutProber) {}
}
