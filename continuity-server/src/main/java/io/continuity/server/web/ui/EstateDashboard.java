package io.continuity.server.web.ui;

import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.web.api.EstateCounts;
import io.continuity.server.web.api.EstateRead;
import io.continuity.server.web.api.StatusCriteria;
import io.continuity.server.web.api.StatusQuery;
import java.util.List;
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

  /** The read and the tag of what the dashboard would show from it. */
  Snapshot snapshot() {
    EstateRead read = query.read();
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
    return new DashboardView(
        s.counts(),
        tiles.groupTiles(s.read().groups(), s.read().now()),
        tiles.resourceTiles(s.problems(), s.read()),
        s.problemCount() - s.problems().size(),
        s.greenCollapsed(),
        tiles.resourceTiles(s.green(), s.read()),
        s.etag());
  }

  record Snapshot(
      EstateRead read,
      EstateCounts counts,
      List<ResourceStatus> problems,
      int problemCount,
      boolean greenCollapsed,
      List<ResourceStatus> green,
      String etag) {}
}
