package io.continuity.server.web.ui;

import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.web.api.EstateCounts;
import io.continuity.server.web.api.EstateRead;
import io.continuity.server.web.api.StatusCriteria;
import io.continuity.server.web.api.StatusQuery;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the summary-first dashboard from one {@link StatusQuery} read (the API's): problems first,
 * and GREEN tiles only while there are at most {@code continuity.console.green-tiles-max} of them.
 * Its tag is computed before any tile is built, so an unchanged estate costs one judged read and a
 * hash, not a page.
 */
@Component
class EstateDashboard {

  private final StatusQuery query;
  private final EstateTiles tiles;
  private final int greenTilesMax;
  private final int problemsShown;

  EstateDashboard(
      StatusQuery query,
      EstateTiles tiles,
      @Value("${continuity.console.green-tiles-max:60}") int greenTilesMax,
      @Value("${continuity.console.problems-shown:50}") int problemsShown) {
    this.query = query;
    this.tiles = tiles;
    this.greenTilesMax = greenTilesMax;
    this.problemsShown = problemsShown;
  }

  /** The last snapshot and its view: reused while the query answers the same read. */
  private volatile Snapshot lastSnapshot;

  private volatile Built lastView;

  /** How many recent versions' layouts are kept to answer a refresh with only what changed. */
  static final int VERSIONS_KEPT = 32;

  private final Map<String, DashboardChanges.Layout> shown =
      Collections.synchronizedMap(
          new LinkedHashMap<>(VERSIONS_KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DashboardChanges.Layout> e) {
              return size() > VERSIONS_KEPT;
            }
          });

  /** The read and the tag of what the dashboard would show from it. */
  Snapshot snapshot() {
    EstateRead read = query.read();
    Snapshot last = lastSnapshot;
    if (last != null && last.read() == read) {
      return last;
    }
    Snapshot made = snapshotOf(read);
    lastSnapshot = made;
    shown.put(made.etag(), layoutOf(made));
    return made;
  }

  /**
   * What to swap on a dashboard that shows the version tagged {@code shownTag} to show {@code now};
   * empty when that version is not one of the last {@value #VERSIONS_KEPT} this instance made (or
   * the frame changed): then the whole fragment.
   */
  Optional<DashboardChanges> changesSince(String shownTag, Snapshot now) {
    if (shownTag == null || shownTag.contains(",")) {
      return Optional.empty();
    }
    DashboardChanges.Layout before = shown.get(shownTag.strip());
    DashboardChanges.Layout after = shown.get(now.etag());
    if (before == null || after == null) {
      return Optional.empty();
    }
    return DashboardChanges.between(before, after);
  }

  private static DashboardChanges.Layout layoutOf(Snapshot s) {
    EstateRead read = s.read();
    Map<String, String> groups = new LinkedHashMap<>();
    read.groups().forEach(g -> groups.put(g.group().id(), EstateRead.fingerprint(g)));
    return new DashboardChanges.Layout(
        s.counts(),
        s.problems().isEmpty() && read.groups().isEmpty() && s.counts().resources() == 0,
        groups,
        fingerprints(s.problems(), read),
        s.problemCount() - s.problems().size(),
        s.greenCollapsed(),
        s.counts().of("GREEN"),
        fingerprints(s.green(), read));
  }

  private static Map<String, String> fingerprints(List<ResourceStatus> shown, EstateRead read) {
    Map<String, String> byId = new LinkedHashMap<>();
    shown.forEach(r -> byId.put(r.resource().id(), read.fingerprint(r)));
    return byId;
  }

  private Snapshot snapshotOf(EstateRead read) {
    EstateCounts counts = read.counts();
    boolean collapsed = counts.of("GREEN") > greenTilesMax;
    List<ResourceStatus> problems =
        read.resources().stream()
            .filter(s -> !"GREEN".equals(EstateRead.statusKey(s.outcome())))
            .sorted(EstateRead.WORST_FIRST)
            .toList();
    List<ResourceStatus> shownProblems =
        problems.subList(0, Math.min(problemsShown, problems.size()));
    List<ResourceStatus> green =
        collapsed
            ? List.of()
            : read.matching(new StatusCriteria("GREEN", "", "", "", "", 1, Integer.MAX_VALUE));
    List<ResourceStatus> shown =
        java.util.stream.Stream.concat(shownProblems.stream(), green.stream()).toList();
    String etag =
        read.etag("dashboard" + counts + "#d" + tiles.drillVersion(), shown, read.groups());
    return new Snapshot(read, counts, shownProblems, problems.size(), collapsed, green, etag);
  }

  /** The tiles of a snapshot, built only when the page or a changed refresh needs them. */
  DashboardView view(Snapshot s) {
    Built last = lastView;
    if (last != null && last.snapshot() == s) {
      return last.view();
    }
    DashboardView made = viewOf(s);
    lastView = new Built(s, made);
    return made;
  }

  private DashboardView viewOf(Snapshot s) {
    return new DashboardView(
        s.counts(),
        tiles.groupTiles(s.read().groups(), s.read().now()),
        tiles.resourceTiles(s.problems(), s.read()),
        s.problemCount() - s.problems().size(),
        s.greenCollapsed(),
        tiles.resourceTiles(s.green(), s.read()),
        s.etag());
  }

  /** A view and the snapshot it was built from. */
  private record Built(Snapshot snapshot, DashboardView view) {}

  record Snapshot(
      EstateRead read,
      EstateCounts counts,
      List<ResourceStatus> problems,
      int problemCount,
      boolean greenCollapsed,
      List<ResourceStatus> green,
      String etag) {}
}
