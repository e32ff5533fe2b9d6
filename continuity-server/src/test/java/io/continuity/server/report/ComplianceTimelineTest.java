package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.monitoring.HistoryRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compliance on scripted histories whose answers were worked out by hand (in seconds). */
class ComplianceTimelineTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration RPO = Duration.ofSeconds(60);

  private static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static HistoryRow change(long at, String status, String visibility) {
    return HistoryRow.change("db", t(at), status, visibility);
  }

  private static HistoryRow obs(long at, Double lag) {
    return HistoryRow.observation("db", t(at), true, lag);
  }

  private static HistoryRow failed(long at) {
    return HistoryRow.observation("db", t(at), false, null);
  }

  private static Compliance run(long end, Duration horizon, List<HistoryRow> rows) {
    ComplianceTimeline timeline = new ComplianceTimeline(t(0), t(end), RPO, at -> horizon);
    rows.forEach(timeline::accept);
    return timeline.finish();
  }

  private static long s(long seconds) {
    return seconds * 1000;
  }

  @Test
  void timeAfterTheLastEvidenceIsUnknownNotItsLastColour() {
    Compliance c =
        run(
            1000,
            Duration.ofSeconds(90),
            List.of(
                change(-100, "GREEN", "OK"),
                obs(-30, 10.0), // covers [0, 60)
                obs(60, 10.0), // covers [60, 150)
                obs(120, 100.0), // over the RPO; covers [120, 210)
                change(125, "RED", "OK"),
                // no evidence from 210 to 500: unknown, although the last status was RED
                change(500, "GREEN", "OK"),
                obs(500, 5.0))); // covers [500, 590), then unknown to the end

    assertThat(c.periodMillis()).isEqualTo(s(1000));
    assertThat(c.greenMillis()).isEqualTo(s(60 + 60 + 5 + 90));
    assertThat(c.redMillis()).isEqualTo(s(85));
    assertThat(c.yellowMillis()).isZero();
    assertThat(c.lostMillis()).isZero();
    assertThat(c.unknownMillis()).isEqualTo(s(290 + 410));
    assertThat(c.withinRpoMillis()).isEqualTo(s(60 + 60 + 90));
    assertThat(c.withinRpo()).isEqualTo(0.21);
    assertThat(c.worstLagSeconds()).isEqualTo(100.0);
    assertThat(c.worstLagAt()).isEqualTo(t(120));
    assertThat(c.longestLostMillis()).isZero();
    assertThat(c.longestLostFrom()).isNull();
  }

  @Test
  void lossOfVisibilityCountsAsLostAndNoStatusYetAsUnknown() {
    Compliance c =
        run(
            1000,
            Duration.ofSeconds(90),
            List.of(
                obs(-10, 10.0), // evidence from before the period, but no status recorded yet
                change(20, "GREEN", "OK"),
                // evidence ends at 80: [80, 100) unknown
                change(100, "YELLOW", "LOST"),
                failed(100),
                failed(190),
                failed(280), // covers to 370; lost stays lost until visibility returns at 400
                change(400, "GREEN", "OK"),
                obs(400, 30.0))); // covers [400, 490)

    assertThat(c.unknownMillis()).isEqualTo(s(20 + 20 + 510));
    assertThat(c.greenMillis()).isEqualTo(s(60 + 90));
    assertThat(c.lostMillis()).isEqualTo(s(300));
    assertThat(c.yellowMillis()).isZero();
    assertThat(c.withinRpoMillis()).isEqualTo(s(80 + 90));
    assertThat(c.longestLostMillis()).isEqualTo(s(300));
    assertThat(c.longestLostFrom()).isEqualTo(t(100));
    assertThat(c.worstLagSeconds()).isEqualTo(30.0); // the lag seen before the period is not its
  }

  @Test
  void clockEdgesClipToThePeriodAndALagAtTheTargetIsWithin() {
    Compliance c =
        run(
            1000,
            Duration.ofSeconds(90),
            List.of(
                change(-50, "GREEN", "LOST"), // lost since before the period
                change(200, "YELLOW", "OK"),
                obs(200, 60.0), // exactly the RPO target: within
                obs(290, 61.0), // just over it
                change(900, "RED", "LOST"))); // lost past the period's end

    assertThat(c.lostMillis()).isEqualTo(s(200 + 100));
    assertThat(c.yellowMillis()).isEqualTo(s(180));
    assertThat(c.unknownMillis()).isEqualTo(s(900 - 380));
    assertThat(c.withinRpoMillis()).isEqualTo(s(90));
    assertThat(c.longestLostMillis()).isEqualTo(s(200));
    assertThat(c.longestLostFrom()).isEqualTo(t(0));
    assertThat(c.worstLagSeconds()).isEqualTo(61.0);
    assertThat(
            c.greenMillis() + c.yellowMillis() + c.redMillis() + c.lostMillis() + c.unknownMillis())
        .isEqualTo(c.periodMillis());
  }

  @Test
  void aNewerObservationReplacesTheRpoVerdictAndDownsampledEvidenceCountsLonger() {
    // observations before 500 are "downsampled" and count for 300 s, newer ones for 90 s
    ComplianceTimeline timeline =
        new ComplianceTimeline(
            t(0),
            t(1000),
            RPO,
            at -> at.isBefore(t(500)) ? Duration.ofSeconds(300) : Duration.ofSeconds(90));
    List.of(
            change(-1, "GREEN", "OK"),
            obs(0, 10.0), // [0, 100) within, replaced at 100
            obs(100, 120.0), // [100, 400) green but not within
            obs(600, 1.0)) // [600, 690) within
        .forEach(timeline::accept);
    Compliance c = timeline.finish();

    assertThat(c.greenMillis()).isEqualTo(s(100 + 300 + 90));
    assertThat(c.withinRpoMillis()).isEqualTo(s(100 + 90));
    assertThat(c.unknownMillis()).isEqualTo(s(200 + 310));
  }

  @Test
  void noHistoryAtAllIsUnknownThroughout() {
    Compliance c = run(3600, Duration.ofSeconds(90), List.of());

    assertThat(c.unknownMillis()).isEqualTo(s(3600));
    assertThat(c.unknown()).isEqualTo(1.0);
    assertThat(c.withinRpo()).isZero();
    assertThat(c.worstLagSeconds()).isNull();
  }
}
