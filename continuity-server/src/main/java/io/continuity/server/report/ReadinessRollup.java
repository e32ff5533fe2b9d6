package io.continuity.server.report;

import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.HistoryRollup;
import io.continuity.server.monitoring.HistoryRow;
import io.continuity.server.monitoring.ReadinessHistory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Writes the readiness rollup: the figures of each resource over each closed UTC day that is older
 * than {@code retention.raw} (so judged with the evidence horizon of downsampled history, as every
 * later report judges it), computed by the same sweep as a report ({@link ComplianceTimeline}, cut
 * at each midnight) from one scan of up to {@link #CHUNK_DAYS} days of raw history. It runs before
 * retention downsamples ({@link HistoryRollup}) and on its own schedule ({@code
 * continuity.readiness.rollup.run-every}, default 1 h) to back-fill days that have history but no
 * rollup (or a rollup judged with another RPO target or horizon, or missing a resource). Re-running
 * it for a day rewrites the same rows.
 */
@Service
public class ReadinessRollup implements HistoryRollup {

  /** The most days one scan of the history covers (memory: resources x days small rows). */
  static final int CHUNK_DAYS = 31;

  private static final Logger log = LoggerFactory.getLogger(ReadinessRollup.class);

  private final Inventory inventory;
  private final ReadinessHistory history;
  private final ReadinessRollupRepository repository;
  private final Clock clock;

  ReadinessRollup(
      Inventory inventory,
      ReadinessHistory history,
      ReadinessRollupRepository repository,
      Clock clock) {
    this.inventory = inventory;
    this.history = history;
    this.repository = repository;
    this.clock = clock;
  }

  /** The first day that may not be rolled up yet: the day {@code retention.raw} falls in. */
  LocalDate firstOpenDay() {
    return day(history.rawSince());
  }

  /** The RPO target a resource's rollup rows are judged with. */
  static long rpoMillis(Resource r) {
    return r.rpo().target().toMillis();
  }

  /** The evidence horizon of a resource's rolled-up (downsampled) history. */
  long horizonMillis(Resource r) {
    return history.evidenceFor(r, Instant.EPOCH).toMillis();
  }

  @Scheduled(
      initialDelayString = "${continuity.readiness.rollup.initial-delay:PT2M}",
      fixedDelayString = "${continuity.readiness.rollup.run-every:PT1H}")
  void scheduled() {
    try {
      rollUp();
    } catch (RuntimeException e) {
      log.warn("Readiness rollup failed; reports sweep the history until it succeeds", e);
    }
  }

  @Override
  public synchronized void rollUp() {
    rollUpDays();
  }

  /** Rolls up every closed day without a current rollup; returns how many days it wrote. */
  synchronized int rollUpDays() {
    LocalDate end = firstOpenDay();
    LocalDate kept = day(clock.instant().minus(history.keptFor()));
    repository.deleteBefore(kept);
    Optional<LocalDate> first = repository.firstHistoryDay();
    if (first.isEmpty()) {
      return 0;
    }
    LocalDate start = first.get().isBefore(kept) ? kept : first.get();
    if (!start.isBefore(end)) {
      return 0;
    }
    TreeSet<LocalDate> needed = neededDays(start, end);
    int written = 0;
    while (!needed.isEmpty()) {
      LocalDate a = needed.first();
      LocalDate b = a.plusDays(1);
      while (needed.contains(b) && ChronoUnit.DAYS.between(a, b) < CHUNK_DAYS) {
        b = b.plusDays(1);
      }
      rollUp(a, b);
      written += (int) ChronoUnit.DAYS.between(a, b);
      needed.subSet(a, b).clear();
    }
    if (written > 0) {
      log.info("Readiness rollup wrote {} days from {} to {}", written, start, end);
    }
    return written;
  }

  /** The days of {@code [start, end)} some current resource has no current rollup row for. */
  private TreeSet<LocalDate> neededDays(LocalDate start, LocalDate end) {
    Map<String, ReadinessRollupRepository.Coverage> current = new HashMap<>();
    Map<String, Resource> resources = new HashMap<>();
    inventory.resources().forEach(r -> resources.put(r.id(), r));
    for (ReadinessRollupRepository.Coverage c : repository.coverage()) {
      Resource r = resources.get(c.resourceId());
      if (r != null && c.rpoMillis() == rpoMillis(r) && c.horizonMillis() == horizonMillis(r)) {
        current.put(c.resourceId(), c);
      }
    }
    TreeSet<LocalDate> needed = new TreeSet<>();
    for (Resource r : resources.values()) {
      ReadinessRollupRepository.Coverage c = current.get(r.id());
      boolean contiguous =
          c != null && c.days() == ChronoUnit.DAYS.between(c.first(), c.last()) + 1;
      for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
        if (!contiguous || d.isBefore(c.first()) || d.isAfter(c.last())) {
          needed.add(d);
        }
      }
      if (needed.size() == ChronoUnit.DAYS.between(start, end)) {
        break;
      }
    }
    return needed;
  }

  /** Rolls up the days {@code [first, end)} for every resource from one scan; rewrites them. */
  void rollUp(LocalDate first, LocalDate end) {
    Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = end.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, Resource> resources = new HashMap<>();
    inventory.resources().forEach(r -> resources.put(r.id(), r));
    Map<String, DayCutter> cutters = new HashMap<>();
    for (Resource r : resources.values()) {
      ComplianceTimeline timeline =
          new ComplianceTimeline(from, to, r.rpo().target(), at -> history.evidenceFor(r, at));
      cutters.put(r.id(), new DayCutter(timeline, from, to));
    }
    history.scan(
        from,
        to,
        row -> {
          DayCutter cutter = cutters.get(row.resourceId());
          if (cutter != null) {
            cutter.accept(row);
          }
        });
    List<ReadinessRollupRepository.Day> days = new ArrayList<>();
    for (Resource r : resources.values()) {
      for (Segment s : cutters.get(r.id()).finish()) {
        days.add(
            new ReadinessRollupRepository.Day(
                r.id(), day(s.start()), rpoMillis(r), horizonMillis(r), s));
      }
    }
    repository.replace(first, end, days, clock.instant());
  }

  /** One resource's sweep over whole days, cut at each midnight. */
  static final class DayCutter {
    private final ComplianceTimeline timeline;
    private final Instant end;
    private final List<Segment> days = new ArrayList<>();
    private Instant midnight;

    /** Whole UTC days {@code [from, end)} (both midnights) swept by {@code timeline}. */
    DayCutter(ComplianceTimeline timeline, Instant from, Instant end) {
      this.timeline = timeline;
      this.end = end;
      this.midnight = from.plus(1, ChronoUnit.DAYS);
    }

    void accept(HistoryRow row) {
      cutUpTo(row.at());
      timeline.accept(row);
    }

    /** The figures of each day, in day order. */
    List<Segment> finish() {
      cutUpTo(end.minusMillis(1));
      days.add(timeline.finishSegment());
      return days;
    }

    private void cutUpTo(Instant at) {
      while (!midnight.isAfter(at) && midnight.isBefore(end)) {
        days.add(timeline.cut(midnight));
        midnight = midnight.plus(1, ChronoUnit.DAYS);
      }
    }
  }

  static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
