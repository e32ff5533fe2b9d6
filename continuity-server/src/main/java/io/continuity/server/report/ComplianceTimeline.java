package io.continuity.server.report;

import io.continuity.server.monitoring.HistoryRow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Sweeps one resource's history (rows in time order) over a period and adds up its time per
 * category. The rules, so the figures are honest about gaps:
 *
 * <ul>
 *   <li>the status at an instant is the last recorded change at or before it (the last change
 *       before the period says what the period starts in); before any, it is unknown;
 *   <li>an observation (a result or a failed probe) counts as evidence from its time for its
 *       evidence horizon (the staleness threshold, longer for downsampled history), or until the
 *       next observation;
 *   <li>time with a status but no evidence counts as unknown, never as its last colour; recorded
 *       loss of visibility counts as lost whether or not probes still arrived;
 *   <li>time within RPO is time covered by an observation whose lag was at most the target; a
 *       failed probe or a missing lag is not within RPO.
 * </ul>
 */
final class ComplianceTimeline {

  private enum Category {
    GREEN,
    YELLOW,
    RED,
    LOST,
    UNKNOWN
  }

  private long from;
  private final long end;
  private final double rpoSeconds;
  private final Function<Instant, Duration> horizon;

  private final long[] millis = new long[Category.values().length];
  private long withinRpo;
  private long cursor;
  private String status;
  private boolean visibilityLost;
  private long coveredUntil = Long.MIN_VALUE;
  private boolean lagWithin;
  private Double worstLag;
  private long worstLagAt;
  private long lostRunStart = -1;
  private long longestLost;
  private long longestLostFrom = -1;
  private long lostAtStart;

  /**
   * @param from the period start
   * @param end the period end (exclusive; not after the generation time)
   * @param rpoTarget the resource's RPO target
   * @param horizon how long an observation made at an instant counts as evidence
   */
  ComplianceTimeline(
      Instant from, Instant end, Duration rpoTarget, Function<Instant, Duration> horizon) {
    this.from = from.toEpochMilli();
    this.end = Math.max(this.from, end.toEpochMilli());
    this.rpoSeconds = rpoTarget.toMillis() / 1000.0;
    this.horizon = horizon;
    this.cursor = this.from;
  }

  /** Takes the next row (rows come in time order). */
  void accept(HistoryRow row) {
    long at = row.at().toEpochMilli();
    advance(at);
    if (row.kind() == HistoryRow.Kind.CHANGE) {
      status = row.status();
      visibilityLost = "LOST".equals(row.visibility());
      return;
    }
    coveredUntil = at + horizon.apply(row.at()).toMillis();
    lagWithin = row.ok() && row.lagSeconds() != null && row.lagSeconds() <= rpoSeconds;
    if (row.ok() && row.lagSeconds() != null && at >= from && at < end) {
      if (worstLag == null || row.lagSeconds() > worstLag) {
        worstLag = row.lagSeconds();
        worstLagAt = at;
      }
    }
  }

  /** Closes the period and returns the figures. */
  Compliance finish() {
    return cut(end).compliance();
  }

  /** Closes the period and returns the figures with the loss-of-visibility runs at its edges. */
  Segment finishSegment() {
    return cut(end);
  }

  /**
   * Closes the part of the period before {@code at} (not after the period end) and returns its
   * figures; the sweep goes on from {@code at} with the status and evidence as they stood, exactly
   * as a sweep of a period starting at {@code at} would (so a day's rollup equals its sweep).
   */
  Segment cut(Instant at) {
    return cut(Math.min(end, Math.max(from, at.toEpochMilli())));
  }

  private Segment cut(long at) {
    advance(at);
    long lostAtEnd = lostRunStart >= 0 ? at - lostRunStart : 0;
    if (lostRunStart == from) {
      lostAtStart = at - from;
    }
    closeLostRun(at);
    Compliance figures =
        new Compliance(
            at - from,
            millis[Category.GREEN.ordinal()],
            millis[Category.YELLOW.ordinal()],
            millis[Category.RED.ordinal()],
            millis[Category.LOST.ordinal()],
            millis[Category.UNKNOWN.ordinal()],
            withinRpo,
            worstLag,
            worstLag == null ? null : Instant.ofEpochMilli(worstLagAt),
            longestLost,
            longestLostFrom < 0 ? null : Instant.ofEpochMilli(longestLostFrom));
    Segment segment = new Segment(Instant.ofEpochMilli(from), figures, lostAtStart, lostAtEnd);
    java.util.Arrays.fill(millis, 0);
    withinRpo = 0;
    worstLag = null;
    longestLost = 0;
    longestLostFrom = -1;
    lostAtStart = 0;
    from = at;
    return segment;
  }

  /** Accounts for the time from the cursor to {@code at} (clipped to the period) as it stood. */
  private void advance(long at) {
    long to = Math.min(at, end);
    if (to <= cursor) {
      return;
    }
    long coveredEnd = Math.max(cursor, Math.min(to, coveredUntil));
    if (coveredEnd > cursor) {
      add(category(true), cursor, coveredEnd);
      if (lagWithin) {
        withinRpo += coveredEnd - cursor;
      }
    }
    if (to > coveredEnd) {
      add(category(false), coveredEnd, to);
    }
    cursor = to;
  }

  private Category category(boolean covered) {
    if (status == null) {
      return Category.UNKNOWN;
    }
    if (visibilityLost) {
      return Category.LOST;
    }
    return covered ? Category.valueOf(status) : Category.UNKNOWN;
  }

  private void add(Category category, long start, long stop) {
    millis[category.ordinal()] += stop - start;
    if (category == Category.LOST) {
      if (lostRunStart < 0) {
        lostRunStart = start;
      }
    } else {
      closeLostRun(start);
    }
  }

  private void closeLostRun(long at) {
    if (lostRunStart >= 0) {
      long run = at - lostRunStart;
      if (lostRunStart == from) {
        lostAtStart = run;
      }
      if (run > longestLost) {
        longestLost = run;
        longestLostFrom = lostRunStart;
      }
      lostRunStart = -1;
    }
  }
}
