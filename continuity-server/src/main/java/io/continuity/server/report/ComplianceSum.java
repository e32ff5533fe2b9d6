package io.continuity.server.report;

import java.time.Instant;

/**
 * Joins the figures of consecutive stretches of one period (partial days swept from the history,
 * whole days from the rollup) into the figures a single sweep of the period gives: times add up,
 * the worst lag is the largest (the earliest of equal ones), and loss-of-visibility runs that touch
 * a stretch's end and the next one's start are one run. Stretches must come in time order.
 */
final class ComplianceSum {

  private final long start;
  private long period;
  private long green;
  private long yellow;
  private long red;
  private long lost;
  private long unknown;
  private long withinRpo;
  private Double worstLag;
  private Instant worstLagAt;
  private long longest;
  private long longestFrom = -1;
  private long openFrom = -1;
  private long openMillis;

  ComplianceSum(Instant start) {
    this.start = start.toEpochMilli();
  }

  /** Adds one stretch. */
  void add(Segment s) {
    Compliance c = s.compliance();
    if (c.periodMillis() == 0) {
      return;
    }
    addTimes(c, c.worstLagSeconds(), c.worstLagAt());
    addRuns(
        s.start(),
        c.periodMillis(),
        c.longestLostMillis(),
        c.longestLostFrom(),
        s.lostAtStartMillis(),
        s.lostAtEndMillis());
  }

  /** Adds the times and worst lag of stretches whose runs are added separately. */
  void addTimes(Compliance c, Double worst, Instant worstAt) {
    period += c.periodMillis();
    green += c.greenMillis();
    yellow += c.yellowMillis();
    red += c.redMillis();
    lost += c.lostMillis();
    unknown += c.unknownMillis();
    withinRpo += c.withinRpoMillis();
    if (worst != null && (worstLag == null || worst > worstLag)) {
      worstLag = worst;
      worstLagAt = worstAt;
    }
  }

  /** The loss-of-visibility runs of one stretch (see {@link Segment}). */
  void addRuns(
      Instant from,
      long periodMillis,
      long longestMillis,
      Instant longestFrom,
      long atStart,
      long atEnd) {
    long stretch = from.toEpochMilli();
    if (atStart >= periodMillis && periodMillis > 0) {
      if (openFrom < 0) {
        openFrom = stretch;
        openMillis = 0;
      }
      openMillis += periodMillis;
      return;
    }
    if (atStart > 0 && openFrom >= 0) {
      openMillis += atStart;
      breakRun();
    } else {
      breakRun();
    }
    if (longestMillis > 0) {
      candidate(longestFrom.toEpochMilli(), longestMillis);
    }
    if (atEnd > 0) {
      openFrom = stretch + periodMillis - atEnd;
      openMillis = atEnd;
    }
  }

  /** Ends a run open across stretches: the time that follows was not lost. */
  void breakRun() {
    if (openFrom >= 0) {
      candidate(openFrom, openMillis);
      openFrom = -1;
      openMillis = 0;
    }
  }

  private void candidate(long from, long millis) {
    if (millis > longest) {
      longest = millis;
      longestFrom = from;
    }
  }

  /** The figures of the whole period. */
  Compliance result() {
    breakRun();
    return new Compliance(
        period,
        green,
        yellow,
        red,
        lost,
        unknown,
        withinRpo,
        worstLag,
        worstLagAt,
        longest,
        longestFrom < 0 ? null : Instant.ofEpochMilli(longestFrom));
  }

  Instant start() {
    return Instant.ofEpochMilli(start);
  }
}
