package io.continuity.server.report;

import io.continuity.core.inventory.Resource;
import io.continuity.server.monitoring.ReadinessHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The compliance figures of a report: the whole UTC days of the period that are rolled up ({@link
 * ReadinessRollup}) are summed by the database in one grouped query (plus one for when the worst
 * lag was seen and one for the days with lost visibility, to join runs across midnight); the
 * partial days at the period's edges, and the days not rolled up yet (younger than {@code
 * retention.raw}, today), are swept from the history as before. When any selected resource lacks a
 * current rollup row for a whole day (not back-filled yet, or its RPO target or tier changed
 * since), the whole period is swept: the answer is always the sweep's.
 */
@Service
public class ReadinessCompliance {

  private final ReadinessHistory history;
  private final ReadinessRollup rollup;
  private final ReadinessRollupRepository repository;

  ReadinessCompliance(
      ReadinessHistory history, ReadinessRollup rollup, ReadinessRollupRepository repository) {
    this.history = history;
    this.rollup = rollup;
    this.repository = repository;
  }

  /** The figures of every selected resource over {@code [from, end)}. */
  Map<String, Compliance> of(List<Resource> selected, Instant from, Instant end) {
    LocalDate first = ReadinessRollup.day(from.plusMillis(-1)).plusDays(1);
    // the job rolls up from the first day with history: days before it are swept (cheaply, as
    // there is no history there, or only history retention is about to delete)
    Optional<LocalDate> rolledFrom = repository.firstDay();
    if (rolledFrom.isPresent() && rolledFrom.get().isAfter(first)) {
      first = rolledFrom.get();
    }
    LocalDate last = ReadinessRollup.day(end);
    LocalDate open = rollup.firstOpenDay();
    LocalDate stop = last.isAfter(open) ? open : last;
    if (!first.isBefore(stop)) {
      return sweepOnly(selected, from, end);
    }
    long days = ChronoUnit.DAYS.between(first, stop);
    Map<String, List<ReadinessRollupRepository.Sums>> sums = repository.sums(first, stop);
    Map<String, ReadinessRollupRepository.Sums> usable = new HashMap<>();
    for (Resource r : selected) {
      List<ReadinessRollupRepository.Sums> of = sums.getOrDefault(r.id(), List.of());
      if (of.size() != 1
          || of.get(0).days() != days
          || of.get(0).rpoMillis() != ReadinessRollup.rpoMillis(r)
          || of.get(0).horizonMillis() != rollup.horizonMillis(r)) {
        return sweepOnly(selected, from, end);
      }
      usable.put(r.id(), of.get(0));
    }
    Instant dayStart = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant dayEnd = stop.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, Segment> head = sweep(selected, from, dayStart);
    Map<String, Segment> tail = sweep(selected, dayEnd, end);
    Map<String, Instant> worstAt = repository.worstLagAt(first, stop);
    Map<String, List<ReadinessRollupRepository.Day>> lost = new HashMap<>();
    for (ReadinessRollupRepository.Day d : repository.lostDays(first, stop)) {
      lost.computeIfAbsent(d.resourceId(), k -> new java.util.ArrayList<>()).add(d);
    }
    Map<String, Compliance> result = new HashMap<>();
    for (Resource r : selected) {
      ReadinessRollupRepository.Sums s = usable.get(r.id());
      result.put(
          r.id(),
          combine(
              from,
              head.get(r.id()),
              s.times(),
              s.worstLagSeconds(),
              worstAt.get(r.id()),
              lost.getOrDefault(r.id(), List.of()).stream().map(d -> d.figures()).toList(),
              first,
              stop,
              tail.get(r.id())));
    }
    return result;
  }

  /**
   * Joins a swept head, the summed whole days {@code [first, stop)} (their times, largest lag and
   * when it was first seen, and the days with lost visibility in day order) and a swept tail.
   */
  static Compliance combine(
      Instant from,
      Segment head,
      Compliance dayTimes,
      Double worstLag,
      Instant worstLagAt,
      List<Segment> lostDays,
      LocalDate first,
      LocalDate stop,
      Segment tail) {
    ComplianceSum sum = new ComplianceSum(from);
    sum.add(head);
    sum.addTimes(dayTimes, worstLag, worstLagAt);
    LocalDate next = first;
    for (Segment d : lostDays) {
      LocalDate day = ReadinessRollup.day(d.start());
      if (!day.equals(next)) {
        sum.breakRun();
      }
      Compliance c = d.compliance();
      sum.addRuns(
          d.start(),
          c.periodMillis(),
          c.longestLostMillis(),
          c.longestLostFrom(),
          d.lostAtStartMillis(),
          d.lostAtEndMillis());
      next = day.plusDays(1);
    }
    if (!next.equals(stop)) {
      sum.breakRun();
    }
    sum.add(tail);
    return sum.result();
  }

  /** The figures from one sweep of the whole period (what the rollup must always equal). */
  Map<String, Compliance> sweepOnly(List<Resource> selected, Instant from, Instant end) {
    Map<String, Compliance> result = new HashMap<>();
    sweep(selected, from, end).forEach((id, s) -> result.put(id, s.compliance()));
    return result;
  }

  /** One pass over the history of {@code [from, end)} for every selected resource. */
  private Map<String, Segment> sweep(List<Resource> selected, Instant from, Instant end) {
    Map<String, ComplianceTimeline> timelines = new HashMap<>();
    for (Resource r : selected) {
      timelines.put(
          r.id(),
          new ComplianceTimeline(from, end, r.rpo().target(), at -> history.evidenceFor(r, at)));
    }
    if (end.isAfter(from)) {
      history.scan(
          from,
          end,
          row -> {
            ComplianceTimeline timeline = timelines.get(row.resourceId());
            if (timeline != null) {
              timeline.accept(row);
            }
          });
    }
    Map<String, Segment> result = new HashMap<>();
    timelines.forEach((id, t) -> result.put(id, t.finishSegment()));
    return result;
  }
}
