package io.continuity.connector.simulated;

import io.continuity.connector.api.Capability;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The script of one simulated resource, read from its {@code connector.settings}. The module's
 * README lists every key with its default.
 *
 * @param lagOverride the lag {@code lagSeconds} or {@code lagBytes} asked for, else the scenario's
 * @param unreachableSites the site names that do not answer in the UNREACHABLE scenario
 */
public record SimulationSettings(
    Scenario scenario,
    Optional<Duration> lagOverride,
    Duration lagStart,
    Duration lagEnd,
    Duration rampPeriod,
    Duration flapPeriod,
    Set<String> unreachableSites,
    Duration probeLatency,
    long seed,
    double jitter,
    long writeRateBytesPerSecond,
    Optional<String> failStep,
    Optional<String> hangStep,
    Set<Capability> disabledCapabilities) {

  public static final long DEFAULT_WRITE_RATE = 1_000_000L;
  public static final long MAX_WRITE_RATE = 1_000_000_000L;

  public SimulationSettings {
    unreachableSites = Collections.unmodifiableSet(new LinkedHashSet<>(unreachableSites));
    disabledCapabilities =
        disabledCapabilities.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(disabledCapabilities));
  }

  /**
   * Reads the settings of a resource whose configured primary and DR sites are given.
   *
   * @throws IllegalArgumentException naming the setting to fix
   */
  public static SimulationSettings parse(
      Map<String, String> settings, String primarySite, String drSite) {
    SettingParser in = new SettingParser(settings);
    long rate = in.nonNegativeLong("writeRateBytesPerSecond").orElse(DEFAULT_WRITE_RATE);
    if (rate < 1 || rate > MAX_WRITE_RATE) {
      throw SettingParser.invalid(
          "writeRateBytesPerSecond", String.valueOf(rate), "between 1 and " + MAX_WRITE_RATE);
    }
    Optional<Duration> lagSeconds = in.duration("lagSeconds");
    OptionalLong lagBytes =
        in.nonNegativeLong("lagBytes").map(OptionalLong::of).orElse(OptionalLong.empty());
    if (lagSeconds.isPresent() && lagBytes.isPresent()) {
      throw new IllegalArgumentException(
          "settings 'lagSeconds' and 'lagBytes' are both set: give one of them");
    }
    Optional<Duration> lag =
        lagBytes.isPresent()
            ? Optional.of(WriteStream.durationOf(lagBytes.getAsLong(), rate))
            : lagSeconds;
    Duration lagStart = in.duration("lagStart").orElse(Duration.ZERO);
    Duration lagEnd = in.duration("lagEnd").orElse(Duration.ofMinutes(2));
    Duration rampPeriod = positive(in, "rampPeriod", Duration.ofMinutes(10));
    Duration lagChange = lagEnd.minus(lagStart).abs();
    if (lagChange.compareTo(rampPeriod.dividedBy(2)) > 0) {
      throw new IllegalArgumentException(
          "a ramp from lagStart "
              + lagStart
              + " to lagEnd "
              + lagEnd
              + " over rampPeriod "
              + rampPeriod
              + " changes lag faster than half of real time, so markers would run backwards:"
              + " make rampPeriod at least twice |lagEnd - lagStart|");
    }
    return new SimulationSettings(
        in.text("scenario").map(Scenario::parse).orElse(Scenario.STEADY),
        lag,
        lagStart,
        lagEnd,
        rampPeriod,
        positive(in, "flapPeriod", Duration.ofSeconds(30)),
        unreachable(in.text("unreachableSites").orElse("dr"), primarySite, drSite),
        in.duration("probeLatency").orElse(Duration.ZERO),
        in.anyLong("seed").orElse(0L),
        in.fraction("jitter").orElse(0.1),
        rate,
        in.text("failStep"),
        in.text("hangStep"),
        capabilities(in.text("disabledCapabilities").orElse("")));
  }

  /** The lag a scenario shows before jitter: the override when set, else its default. */
  public Duration baseLag(Scenario forScenario) {
    return lagOverride.orElse(forScenario.defaultLag());
  }

  private static Duration positive(SettingParser in, String key, Duration fallback) {
    Duration value = in.duration(key).orElse(fallback);
    if (value.isZero()) {
      throw SettingParser.invalid(key, "0", "a positive duration such as 30s");
    }
    return value;
  }

  private static Set<String> unreachable(String text, String primarySite, String drSite) {
    Set<String> names = new LinkedHashSet<>();
    for (String token : text.split(",")) {
      String name = token.trim();
      if (name.isEmpty()) {
        continue;
      }
      switch (name.toLowerCase(Locale.ROOT)) {
        case "dr" -> names.add(drSite);
        case "primary" -> names.add(primarySite);
        case "all", "both" -> {
          names.add(primarySite);
          names.add(drSite);
        }
        default -> {
          if (!name.equals(primarySite) && !name.equals(drSite)) {
            throw SettingParser.invalid(
                "unreachableSites",
                text,
                "dr, primary, all or site names ("
                    + primarySite
                    + ", "
                    + drSite
                    + "), comma separated");
          }
          names.add(name);
        }
      }
    }
    return names;
  }

  private static Set<Capability> capabilities(String text) {
    Set<Capability> result = EnumSet.noneOf(Capability.class);
    for (String token : text.split(",")) {
      String name = token.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      if (name.isEmpty()) {
        continue;
      }
      try {
        result.add(Capability.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw SettingParser.invalid(
            "disabledCapabilities", text, "capability names such as SWITCHOVER,FAILBACK");
      }
    }
    if (result.contains(Capability.MONITOR)) {
      throw SettingParser.invalid(
          "disabledCapabilities", text, "a list without MONITOR: every connector monitors");
    }
    return result;
  }
}
