package io.continuity.connector.simulated;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The replication lag a streaming scenario shows at an instant: a base lag (or the ramp's current
 * value) plus a smooth jitter whose phase comes from the seed. Lag is a pure function of the
 * settings and the instant, so the same seed and probe times give the same lag; the jitter's
 * amplitude is capped so lag never changes faster than half of real time and markers never run
 * backwards.
 */
final class LagModel {

  /** Jitter period: lag wanders around its base once a minute. */
  static final Duration JITTER_PERIOD = Duration.ofSeconds(60);

  /** Cap of the jitter amplitude: 4 s over 60 s keeps the slope under 0.42. */
  static final Duration MAX_JITTER = Duration.ofSeconds(4);

  private final SimulationSettings settings;
  private final double phase;

  LagModel(SimulationSettings settings) {
    this.settings = settings;
    this.phase = new SplittableRandom(settings.seed()).nextDouble() * 2 * Math.PI;
  }

  Duration lagAt(Scenario scenario, Instant at) {
    Duration base = scenario == Scenario.RAMP ? rampAt(at) : settings.baseLag(scenario);
    double baseNanos = base.toNanos();
    double amplitude = Math.min(settings.jitter() * baseNanos, MAX_JITTER.toNanos());
    double angle = 2 * Math.PI * nanosIntoCycle(at, JITTER_PERIOD) / JITTER_PERIOD.toNanos();
    double jittered = baseNanos + amplitude * Math.sin(angle + phase);
    return Duration.ofNanos(Math.max(0, Math.round(jittered)));
  }

  private Duration rampAt(Instant at) {
    Duration period = settings.rampPeriod();
    double progress = (double) nanosIntoCycle(at, period) / period.toNanos();
    long start = settings.lagStart().toNanos();
    long end = settings.lagEnd().toNanos();
    return Duration.ofNanos(start + Math.round((end - start) * progress));
  }

  /** How far {@code at} is into the current cycle of {@code period}, counted from the epoch. */
  static long nanosIntoCycle(Instant at, Duration period) {
    BigInteger nanos =
        BigInteger.valueOf(at.getEpochSecond())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(at.getNano()));
    return nanos.mod(BigInteger.valueOf(period.toNanos())).longValue();
  }
}
