package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.server.monitoring.HistoryRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Report-from-rollup equals report-from-sweep: scripted histories (gaps, changes and observations
 * exactly at and one millisecond around midnight, loss of visibility across midnight and for whole
 * days, RPO flips) are judged once by one sweep of the period, and once as a report does with the
 * rollup: the partial days at the edges swept, the whole days rolled up by the job's day cutter (in
 * chunks, as the job scans) and summed as the database sums them. Every figure must be equal.
 */
class ComplianceRollupTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration RPO = Duration.ofSeconds(60);
  private static final long DAY = 86_400_000L;

  @Test
  void aLossOfVisibilityAcrossMidnightIsOneRunInTheRollup() {
    Duration horizon = Duration.ofMinutes(2);
    List<HistoryRow> rows = new ArrayList<>();
    rows.add(change(-3_600_000, "GREEN", "OK"));
    for (long at = -3_600_000; at < 5 * DAY; at += 60_000) {
      rows.add(obs(at, true, (at / 60_000) % 3 == 0 ? 90.0 : 10.0));
    }
    rows.add(change(DAY - 7_200_000, "RED", "LOST")); // day 0 22:00 ...
    rows.add(change(3 * DAY + 3_600_000, "GREEN", "OK")); // ... to day 3 01:00
    rows.add(change(4 * DAY - 1, "YELLOW", "OK")); // a millisecond before midnight
    sortByTime(rows);

    Instant from = T0.plusSeconds(3600);
    Instant end = T0.plus(5, ChronoUnit.DAYS).minusSeconds(600);
    Compliance swept = sweep(rows, horizon, from, end);
    Compliance rolled = viaRollup(rows, horizon, from, end, LocalDate.of(2026, 3, 6), 2);

    assertThat(rolled).isEqualTo(swept);
    assertThat(rolled.longestLostMillis()).isEqualTo(2 * DAY + 3 * 3_600_000);
    assertThat(rolled.longestLostFrom()).isEqualTo(T0.plusMillis(DAY - 7_200_000));
    assertThat(rolled.lostMillis()).isEqualTo(rolled.longestLostMillis());
  }

  @Test
  void rollupEqualsSweepOnRandomScriptedHistories() {
    for (int seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      Duration horizon = Duration.ofSeconds(random.nextBoolean() ? 90 : 7200);
      List<HistoryRow> rows = history(random);
      for (int period = 0; period < 6; period++) {
        Instant from = T0.plusMillis(instant(random) - DAY / 2);
        Instant end = T0.plusMillis(instant(random) + DAY);
        if (!from.isBefore(end)) {
          continue;
        }
        LocalDate open = LocalDate.of(2026, 3, 1).plusDays(random.nextInt(8));
        int chunk = 1 + random.nextInt(4);
        Compliance swept = sweep(rows, horizon, from, end);
        Compliance rolled = viaRollup(rows, horizon, from, end, open, chunk);
        assertThat(rolled)
            .as("seed %d, %s to %s, horizon %s, open %s", seed, from, end, horizon, open)
            .isEqualTo(swept);
      }
    }
  }

  /** Six days of history with gaps, flips and loss of visibility, many events at midnight. */
  private static List<HistoryRow> history(Random random) {
    List<HistoryRow> rows = new ArrayList<>();
    String[] statuses = {"GREEN", "YELLOW", "RED"};
    long at = -DAY / 4;
    if (random.nextBoolean()) {
      rows.add(change(at - 1000, "GREEN", "OK"));
    }
    while (at < 6 * DAY) {
      int kind = random.nextInt(20);
      if (kind == 0) {
        at += random.nextInt(6) * 3_600_000L; // a gap of hours
      } else if (kind < 3) {
        String visibility = random.nextInt(3) == 0 ? "LOST" : "OK";
        rows.add(change(at, statuses[random.nextInt(3)], visibility));
      } else if (kind == 3) {
        rows.add(obs(at, false, null));
      } else {
        rows.add(obs(at, true, random.nextInt(8) == 0 ? null : random.nextInt(120) + 0.5));
      }
      if (random.nextInt(10) == 0) { // land on, or a millisecond around, the next midnight
        long midnight = (Math.floorDiv(at, DAY) + 1) * DAY;
        at = midnight + random.nextInt(3) - 1;
      } else {
        at += 1 + random.nextInt(random.nextBoolean() ? 120_000 : 3_600_000);
      }
    }
    sortByTime(rows);
    return rows;
  }

  private static long instant(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextInt(6) * DAY; // a midnight
      case 1 -> random.nextInt(6) * DAY + random.nextInt(3) - 1;
      default -> (long) (random.nextDouble() * 6 * DAY);
    };
  }

  /** One sweep of the period, as before the rollup. */
  private static Compliance sweep(
      List<HistoryRow> rows, Duration horizon, Instant from, Instant end) {
    ComplianceTimeline t = new ComplianceTimeline(from, end, RPO, at -> horizon);
    scan(rows, horizon, from, end).forEach(t::accept);
    return t.finish();
  }

  /** As a report with the rollup: swept edges, days rolled up in chunks, summed, joined. */
  private static Compliance viaRollup(
      List<HistoryRow> rows,
      Duration horizon,
      Instant from,
      Instant end,
      LocalDate open,
      int chunkDays) {
    LocalDate first = ReadinessRollup.day(from.minusMillis(1)).plusDays(1);
    LocalDate last = ReadinessRollup.day(end);
    LocalDate stop = last.isAfter(open) ? open : last;
    if (!first.isBefore(stop)) {
      return sweep(rows, horizon, from, end);
    }
    List<Segment> days = new ArrayList<>();
    for (LocalDate a = first; a.isBefore(stop); a = a.plusDays(chunkDays)) {
      LocalDate b = a.plusDays(chunkDays).isAfter(stop) ? stop : a.plusDays(chunkDays);
      Instant ca = start(a);
      Instant cb = start(b);
      ReadinessRollup.DayCutter cutter =
          new ReadinessRollup.DayCutter(new ComplianceTimeline(ca, cb, RPO, at -> horizon), ca, cb);
      scan(rows, horizon, ca, cb).forEach(cutter::accept);
      days.addAll(cutter.finish());
    }
    assertThat(days).hasSize((int) ChronoUnit.DAYS.between(first, stop));
    // what the grouped query sums, and the days the runs query reads
    ComplianceSum times = new ComplianceSum(start(first));
    Double worst = null;
    for (Segment d : days) {
      Compliance c = d.compliance();
      times.addTimes(c, null, null);
      if (c.worstLagSeconds() != null && (worst == null || c.worstLagSeconds() > worst)) {
        worst = c.worstLagSeconds();
      }
    }
    Double max = worst;
    Instant worstAt =
        days.stream()
            .map(Segment::compliance)
            .filter(c -> max != null && max.equals(c.worstLagSeconds()))
            .map(Compliance::worstLagAt)
            .min(Comparator.naturalOrder())
            .orElse(null);
    List<Segment> lost = days.stream().filter(d -> d.compliance().lostMillis() > 0).toList();
    Segment head = segment(rows, horizon, from, start(first));
    Segment tail = segment(rows, horizon, start(stop), end);
    return ReadinessCompliance.combine(
        from, head, times.result(), worst, worstAt, lost, first, stop, tail);
  }

  private static Segment segment(List<HistoryRow> rows, Duration horizon, Instant a, Instant b) {
    ComplianceTimeline t = new ComplianceTimeline(a, b, RPO, at -> horizon);
    if (b.isAfter(a)) {
      scan(rows, horizon, a, b).forEach(t::accept);
    }
    return t.finishSegment();
  }

  /** What ReadinessHistory.scan streams for one resource (ids follow time). */
  private static List<HistoryRow> scan(
      List<HistoryRow> rows, Duration lookback, Instant from, Instant to) {
    Instant observedFrom = from.minus(lookback);
    HistoryRow before = null;
    List<HistoryRow> result = new ArrayList<>();
    for (HistoryRow r : rows) {
      if (!r.at().isBefore(to)) {
        continue;
      }
      if (r.kind() == HistoryRow.Kind.CHANGE) {
        if (r.at().isBefore(from)) {
          before = r;
        } else {
          result.add(r);
        }
      } else if (!r.at().isBefore(observedFrom)) {
        result.add(r);
      }
    }
    if (before != null) {
      result.add(before);
    }
    sortByTime(result);
    return result;
  }

  private static void sortByTime(List<HistoryRow> rows) {
    rows.sort(
        Comparator.comparing(HistoryRow::at)
            .thenComparing(r -> r.kind() != HistoryRow.Kind.CHANGE));
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static HistoryRow change(long at, String status, String visibility) {
    return HistoryRow.change("db", T0.plusMillis(at), status, visibility);
  }

  private static HistoryRow obs(long at, boolean ok, Double lag) {
    return HistoryRow.observation("db", T0.plusMillis(at), ok, lag);
  }
}
