package io.continuity.core.inventory;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The recovery point objective of a resource and the thresholds that colour its status: lag over
 * {@code warn} is YELLOW, lag over {@code target} is RED. Optional byte thresholds apply the same
 * way when the platform reports lag in bytes.
 */
public record RpoPolicy(
    Duration target, Duration warn, OptionalLong warnBytes, OptionalLong criticalBytes) {

  public RpoPolicy {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(warn, "warn");
    Objects.requireNonNull(warnBytes, "warnBytes");
    Objects.requireNonNull(criticalBytes, "criticalBytes");
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("RPO target must be positive, got " + target);
    }
    if (warn.isNegative() || warn.compareTo(target) > 0) {
      throw new IllegalArgumentException(
          "RPO warn threshold (" + warn + ") must be between zero and the target (" + target + ")");
    }
    if (warnBytes.isPresent()
        && criticalBytes.isPresent()
        && warnBytes.getAsLong() > criticalBytes.getAsLong()) {
      throw new IllegalArgumentException("warnBytes must not exceed criticalBytes");
    }
  }

  /** A target with the warn threshold at half of it and no byte thresholds. */
  public static RpoPolicy of(Duration target) {
    return new RpoPolicy(target, target.dividedBy(2), OptionalLong.empty(), OptionalLong.empty());
  }

  public static RpoPolicy of(Duration target, Duration warn) {
    return new RpoPolicy(target, warn, OptionalLong.empty(), OptionalLong.empty());
  }
}
