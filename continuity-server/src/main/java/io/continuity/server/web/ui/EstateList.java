package io.continuity.server.web.ui;

import io.continuity.server.web.api.StatusCriteria;
import java.util.List;

/**
 * One page of the resource list: its tiles, how many match, and the links to the pages around it.
 *
 * @param first the 1-based position of the first tile shown (0 when none)
 */
public record EstateList(
    List<Tile> tiles,
    int total,
    int page,
    int pages,
    int first,
    String previous,
    String next,
    String etag) {

  static EstateList of(StatusCriteria c, int total, List<Tile> tiles, String etag) {
    int pages = Math.max(1, (total + c.size() - 1) / c.size());
    int first = tiles.isEmpty() ? 0 : (c.page() - 1) * c.size() + 1;
    String previous = c.page() > 1 ? "/estate" + c.onPage(c.page() - 1).queryString() : "";
    String next = c.page() < pages ? "/estate" + c.onPage(c.page() + 1).queryString() : "";
    return new EstateList(tiles, total, c.page(), pages, first, previous, next, etag);
  }

  static EstateList empty(StatusCriteria c, String etag) {
    return new EstateList(List.of(), 0, 1, 1, 0, "", "", etag);
  }

  public int last() {
    return tiles.isEmpty() ? 0 : first + tiles.size() - 1;
  }
}
