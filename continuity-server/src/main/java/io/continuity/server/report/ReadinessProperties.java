package io.continuity.server.report;

import io.continuity.core.execution.ExecutionWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Readiness over time ({@code continuity.readiness.*}).
 *
 * @param drillMaxAge how old the last successful drill of a resource may be, per tier, before it is
 *     a finding (and one readiness alert)
 * @param drillCheckEvery how often the drill policy is checked
 * @param weeklyReport the weekly readiness report e-mail
 * @param drillSchedule recurring drill windows (decision 029): group id to a Spring cron expression
 *     (six fields, server time zone) whose fire times open a drill's maintenance window
 * @param drillScheduleLead how long before an occurrence its drill request is created (its
 *     approvers are notified then)
 * @param drillWindowLength how long each scheduled drill's window stays open
 * @param drillScheduleTicket the change ticket scheduled drills carry, for a policy that asks for
 *     one (empty: none)
 */
@ConfigurationProperties("continuity.readiness")
public record ReadinessProperties(
    @DefaultValue DrillMaxAge drillMaxAge,
    @DefaultValue("1h") Duration drillCheckEvery,
    @DefaultValue WeeklyReport weeklyReport,
    Map<String, String> drillSchedule,
    @DefaultValue("7d") Duration drillScheduleLead,
    @DefaultValue("4h") Duration drillWindowLength,
    String drillScheduleTicket) {

  public ReadinessProperties {
    Objects.requireNonNull(drillMaxAge, "drillMaxAge");
    drillSchedule = drillSchedule == null ? Map.of() : Map.copyOf(drillSchedule);
    drillSchedule.forEach(
        (group, cron) -> {
          if (cron == null || !CronExpression.isValidExpression(cron.strip())) {
            throw new IllegalArgumentException(
                "continuity.readiness.drill-schedule."
                    + group
                    + " must be a Spring cron expression (second minute hour day month weekday,"
                    + " e.g. '0 0 2 * * SAT'), got '"
                    + cron
                    + "'");
          }
        });
    if (drillScheduleLead == null || drillScheduleLead.isNegative()) {
      throw new IllegalArgumentException(
          "continuity.readiness.drill-schedule-lead must not be negative, got "
              + drillScheduleLead);
    }
    if (drillWindowLength == null
        || drillWindowLength.isNegative()
        || drillWindowLength.isZero()
        || drillWindowLength.compareTo(ExecutionWindow.MAX_LENGTH) > 0) {
      throw new IllegalArgumentException(
          "continuity.readiness.drill-window-length must be positive and at most "
              + ExecutionWindow.MAX_LENGTH.toDays()
              + " days, got "
              + drillWindowLength);
    }
    drillScheduleTicket =
        drillScheduleTicket == null || drillScheduleTicket.isBlank()
            ? null
            : drillScheduleTicket.strip();
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
        new WeeklyReport(List.of(), "0 0 7 * * MON"),
        Map.of(),
        Duration.ofDays(7),
        Duration.ofHours(4),
        null);
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
