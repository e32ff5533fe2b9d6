package io.continuity.server.web.ui;

import io.continuity.server.web.api.EstateCounts;
import java.util.List;

/**
 * What the estate dashboard shows: the counts, the groups, the resources that are not GREEN (worst
 * first, the first {@code problemsShown} of them), and the GREEN ones as tiles only while there are
 * few of them, as a count and a link otherwise.
 *
 * @param problemsHidden how many not-GREEN resources are only in the full list
 * @param greenTiles the GREEN tiles, empty when {@code greenCollapsed}
 * @param etag the weak entity tag of this view: the refresh gets a 304 while it stays the same
 */
public record DashboardView(
    EstateCounts counts,
    List<Tile> groups,
    List<Tile> problems,
    int problemsHidden,
    boolean greenCollapsed,
    List<Tile> greenTiles,
    String etag) {

  public int greenCount() {
    return counts.of("GREEN");
  }

  public boolean empty() {
    return groups.isEmpty() && problems.isEmpty() && counts.resources() == 0;
  }
}
