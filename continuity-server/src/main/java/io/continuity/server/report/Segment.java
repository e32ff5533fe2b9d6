package io.continuity.server.report;

import java.time.Instant;

/**
 * The figures of one stretch of a period (a UTC day of the rollup, or a partial day swept from the
 * history) with what is needed to join stretches: the loss-of-visibility runs touching its start
 * and its end (equal to the whole stretch when visibility was lost throughout).
 *
 * @param start when the stretch begins ({@code compliance.periodMillis()} long)
 * @param lostAtStartMillis the loss-of-visibility run beginning at the start, 0 when none
 * @param lostAtEndMillis the loss-of-visibility run still open at the end, 0 when none
 */
record Segment(
    Instant start, Compliance compliance, long lostAtStartMillis, long lostAtEndMillis) {}
