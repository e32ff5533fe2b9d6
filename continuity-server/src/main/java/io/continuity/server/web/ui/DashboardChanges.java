package io.continuity.server.web.ui;

import io.continuity.server.web.api.EstateCounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a dashboard showing one version must swap to show another, part by part (decision 023): the
 * summary counts, a section whose tiles came, went or moved (whole), the "and N more" and "N
 * resources are GREEN" lines, and otherwise only the tiles whose readiness changed. Each is an
 * element with a stable id that htmx swaps out of band; everything else stays in the page as it is.
 *
 * @param tiles the changed tiles as {@code kind:id}, in sections that are not swapped whole
 */
public record DashboardChanges(
    boolean summary,
    boolean groups,
    boolean problems,
    boolean problemsMore,
    boolean green,
    boolean greenCount,
    Set<String> tiles) {

  /** Whether this tile is one to swap. */
  public boolean has(Tile tile) {
    return tiles.contains(tile.kind() + ":" + tile.id());
  }

  /** How many parts are swapped (for the tests and the log; 0 never reaches a browser). */
  public int parts() {
    return (summary ? 1 : 0)
        + (groups ? 1 : 0)
        + (problems ? 1 : 0)
        + (problemsMore ? 1 : 0)
        + (green ? 1 : 0)
        + (greenCount ? 1 : 0)
        + tiles.size();
  }

  /**
   * The changes from {@code shown} to {@code now}; empty when the dashboard's frame itself changed
   * (the estate became empty or not, the groups section came or went): then the whole fragment.
   */
  static Optional<DashboardChanges> between(Layout shown, Layout now) {
    if (shown.empty() != now.empty() || shown.groups().isEmpty() != now.groups().isEmpty()) {
      return Optional.empty();
    }
    Set<String> tiles = new LinkedHashSet<>();
    boolean groups = wholeOrTiles(shown.groups(), now.groups(), "group", tiles);
    boolean problems = wholeOrTiles(shown.problems(), now.problems(), "resource", tiles);
    boolean green =
        shown.greenCollapsed() != now.greenCollapsed()
            || (!now.greenCollapsed()
                && wholeOrTiles(shown.green(), now.green(), "resource", tiles));
    return Optional.of(
        new DashboardChanges(
            !shown.counts().equals(now.counts()),
            groups,
            problems,
            !problems && shown.problemsHidden() != now.problemsHidden(),
            green,
            !green && now.greenCollapsed() && shown.greenCount() != now.greenCount(),
            tiles));
  }

  /**
   * True when the section must be swapped whole (its tiles are not the same ones in the same
   * order); otherwise adds its changed tiles to {@code tiles} and answers false.
   */
  private static boolean wholeOrTiles(
      Map<String, String> shown, Map<String, String> now, String kind, Set<String> tiles) {
    if (!List.copyOf(shown.keySet()).equals(List.copyOf(now.keySet()))) {
      return true;
    }
    List<String> changed = new ArrayList<>();
    now.forEach(
        (id, fingerprint) -> {
          if (!fingerprint.equals(shown.get(id))) {
            changed.add(kind + ":" + id);
          }
        });
    tiles.addAll(changed);
    return false;
  }

  /**
   * What one version of the dashboard shows, tile by tile: ids in order with their fingerprints
   * ({@code EstateRead.fingerprint}), the counts and the lines under the sections.
   */
  public record Layout(
      EstateCounts counts,
      boolean empty,
      Map<String, String> groups,
      Map<String, String> problems,
      int problemsHidden,
      boolean greenCollapsed,
      int greenCount,
      Map<String, String> green) {}
}
