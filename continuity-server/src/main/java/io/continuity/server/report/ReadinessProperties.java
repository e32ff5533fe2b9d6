package io.continuity.server.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Readiness over time ({@code continuity.readiness.*}).
 *
 * @param drillMaxAge how old the last successful drill of a resource may be, per tier, before it is
 *     a finding (and one readiness alert)
 * @param drillCheckEvery how often the drill policy is checked
 * @param weeklyReport the weekly readiness report e-mail
 */
@ConfigurationProperties("continuity.readiness")
public record ReadinessProperties(
    @DefaultValue DrillMaxAge drillMaxAge,
    @DefaultValue("1h") Duration drillCheckEvery,
    @DefaultValue WeeklyReport weeklyReport) {

  public ReadinessProperties {
    Objects.requireNonNull(drillMaxAge, "drillMaxAge");
    Objects.requireNonNull(weeklyReport, "weeklyReport");
    if (drillCheckEvery.isNegative() || drillCheckEvery.isZero()) {
      throw new IllegalArgumentException(
          "continuity.readiness.drill-check-every must be positive, got " + drillCheckEvery);
    }
  }

  /** Defaults everywhere: 90 days for tier 1, 180 for tier 2, no weekly recipients. */
  public static ReadinessProperties defaults() {
    return new ReadinessProperties(
        new DrillMaxAge(Duration.ofDays(90), Duration.ofDays(180)),
        Duration.ofHours(1),
        new WeeklyReport(List.of(), "0 0 7 * * MON"));
  }

  /** The drill policy per tier. */
  public record DrillMaxAge(
      @DefaultValue("90d") Duration tier1, @DefaultValue("180d") Duration tier2) {

    public DrillMaxAge {
      for (Duration d : new Duration[] {tier1, tier2}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(
              "continuity.readiness.drill-max-age.tier1/tier2 must be positive durations, got "
                  + d);
        }
      }
    }

    /** The maximum drill age of a tier (1 or 2). */
    public Duration forTier(int tier) {
      return tier == 1 ? tier1 : tier2;
    }

    Map<String, String> asText() {
      return Map.of("tier1", tier1.toString(), "tier2", tier2.toString());
    }
  }

  /**
   * The weekly readiness report e-mail.
   *
   * @param recipients e-mail addresses that receive it (empty: none is sent)
   * @param cron when it is sent (Spring cron, server time zone); the report covers the 7 days
   *     before
   */
  public record WeeklyReport(List<String> recipients, @DefaultValue("0 0 7 * * MON") String cron) {

    public WeeklyReport {
      recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
  }
}
