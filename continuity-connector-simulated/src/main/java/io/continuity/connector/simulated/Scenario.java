package io.continuity.connector.simulated;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a simulated resource does when it is probed. Chosen per resource with the {@code scenario}
 * setting and changed at run time through {@link SimulatedPlatform#setScenario}.
 */
public enum Scenario {
  /** Streaming with a small lag; markers advance with time. */
  STEADY(Duration.ofSeconds(1)),
  /** Streaming, but behind: meant to sit between the warn threshold and the RPO target. */
  LAGGING(Duration.ofSeconds(45)),
  /** Catching up from a lag well past a typical RPO target. */
  OVER_RPO(Duration.ofMinutes(10)),
  /** Replication stopped: state BROKEN, the DR marker frozen where it stopped. */
  BROKEN(Duration.ofSeconds(1)),
  /** Sites named by {@code unreachableSites} (default the DR site) do not answer. */
  UNREACHABLE(Duration.ofSeconds(1)),
  /** The probe never answers: it waits for its timeout (or an interrupt) and then fails. */
  HANG(Duration.ofSeconds(1)),
  /** Everything answers but no replication marker can be read. */
  MARKER_UNAVAILABLE(Duration.ofSeconds(1)),
  /**
   * Lag grows linearly from {@code lagStart} to {@code lagEnd} over {@code rampPeriod}, repeats.
   */
  RAMP(Duration.ZERO),
  /** Alternates every {@code flapPeriod} between STEADY and an unreachable DR site. */
  FLAPPING(Duration.ofSeconds(1));

  private final Duration defaultLag;

  Scenario(Duration defaultLag) {
    this.defaultLag = defaultLag;
  }

  /** The lag the scenario shows when neither {@code lagSeconds} nor {@code lagBytes} is set. */
  public Duration defaultLag() {
    return defaultLag;
  }

  /** The name used in settings: lower-case kebab case ({@code over-rpo}). */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a setting value such as {@code over-rpo} (case and {@code -}/{@code _} do not matter).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Scenario parse(String text) {
    String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Scenario scenario : values()) {
      if (scenario.name().equals(normalized)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '"
            + text
            + "': use one of "
            + Arrays.stream(values()).map(Scenario::settingName).collect(Collectors.joining(", ")));
  }
}
