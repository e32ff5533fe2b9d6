package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill-schedule settings (decision 029) are checked at start-up, naming the key. */
class DrillScheduleSettingsTest {

  static ReadinessProperties with(Map<String, String> schedule, Duration lead, Duration length) {
    ReadinessProperties d = ReadinessProperties.defaults();
    return new ReadinessProperties(
        d.drillMaxAge(),
        d.drillCheckEvery(),
        new ReadinessProperties.WeeklyReport(List.of(), "0 0 7 * * MON"),
        schedule,
        lead,
        length,
        " ");
  }

  @Test
  void defaultsScheduleNothingSevenDaysAheadForFourHours() {
    ReadinessProperties d = ReadinessProperties.defaults();
    assertThat(d.drillSchedule()).isEmpty();
    assertThat(d.drillScheduleLead()).isEqualTo(Duration.ofDays(7));
    assertThat(d.drillWindowLength()).isEqualTo(Duration.ofHours(4));
    assertThat(d.drillScheduleTicket()).isNull();
    assertThat(with(Map.of(), Duration.ofDays(1), Duration.ofHours(1)).drillScheduleTicket())
        .as("a blank ticket is none")
        .isNull();
  }

  @Test
  void aBadCronNamesItsGroupKey() {
    assertThatThrownBy(
            () ->
                with(Map.of("checkout", "every saturday"), Duration.ofDays(7), Duration.ofHours(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("continuity.readiness.drill-schedule.checkout")
        .hasMessageContaining("every saturday");
    assertThat(
            with(Map.of("checkout", "0 0 2 * * SAT"), Duration.ofDays(7), Duration.ofHours(4))
                .drillSchedule())
        .containsEntry("checkout", "0 0 2 * * SAT");
  }

  @Test
  void theWindowLengthIsPositiveAndAtMostSevenDays() {
    assertThatThrownBy(() -> with(Map.of(), Duration.ofDays(7), Duration.ZERO))
        .hasMessageContaining("continuity.readiness.drill-window-length");
    assertThatThrownBy(() -> with(Map.of(), Duration.ofDays(7), Duration.ofDays(8)))
        .hasMessageContaining("continuity.readiness.drill-window-length");
    assertThatThrownBy(() -> with(Map.of(), Duration.ofDays(-1), Duration.ofHours(4)))
        .hasMessageContaining("continuity.readiness.drill-schedule-lead");
  }
}
