package io.continuity.server.web.ui;

import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.web.api.BadRequestException;
import io.continuity.server.web.api.EstateRead;
import io.continuity.server.web.api.StatusCriteria;
import io.continuity.server.web.api.StatusQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * The paged, searchable resource list ({@code /estate?status=&tier=&platform=&environment=&q=&page=
 * &size=}), served by the status API's query so both show the same resources in the same order; the
 * page is in the URL so it can be shared. A bad parameter is a 400 page that says what to fix.
 */
@Controller
class EstateListController {

  static final Set<String> PARAMETERS =
      Set.of("status", "tier", "platform", "environment", "q", "page", "size");

  private final StatusQuery query;
  private final EstateTiles tiles;
  private final int refreshSeconds;

  EstateListController(
      StatusQuery query,
      EstateTiles tiles,
      @Value("${continuity.console.refresh-seconds:5}") int refreshSeconds) {
    this.query = query;
    this.tiles = tiles;
    this.refreshSeconds = refreshSeconds;
  }

  @GetMapping("/estate")
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("platforms", tiles.platforms());
    model.addAttribute("environments", tiles.environments());
    model.addAttribute("refresh", "every " + refreshSeconds + "s");
    StatusCriteria criteria;
    try {
      criteria = StatusCriteria.parse(status, tier, platform, environment, q, page, size);
    } catch (BadRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("badParameter", e.getMessage());
      criteria = StatusCriteria.parse(null, null, platform, environment, q, null, null);
      model.addAttribute("criteria", criteria);
      model.addAttribute("list", EstateList.empty(criteria, ""));
      return "estate";
    }
    model.addAttribute("criteria", criteria);
    model.addAttribute("list", list(criteria));
    return "estate";
  }

  @GetMapping("/fragments/estate-list")
  String fragment(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      WebRequest request,
      Model model) {
    StatusCriteria criteria =
        StatusCriteria.parse(status, tier, platform, environment, q, page, size);
    EstateRead read = query.read();
    List<ResourceStatus> matching = read.matching(criteria);
    List<ResourceStatus> shown = read.page(matching, criteria);
    String etag = etag(read, criteria, matching, shown);
    if (request.checkNotModified(etag)) {
      return null;
    }
    model.addAttribute("criteria", criteria);
    model.addAttribute(
        "list", EstateList.of(criteria, matching.size(), tiles.resourceTiles(shown, read), etag));
    return "estate :: list";
  }

  private EstateList list(StatusCriteria criteria) {
    EstateRead read = query.read();
    List<ResourceStatus> matching = read.matching(criteria);
    List<ResourceStatus> shown = read.page(matching, criteria);
    return EstateList.of(
        criteria,
        matching.size(),
        tiles.resourceTiles(shown, read),
        etag(read, criteria, matching, shown));
  }

  private String etag(
      EstateRead read,
      StatusCriteria criteria,
      List<ResourceStatus> matching,
      List<ResourceStatus> shown) {
    return read.etag(
        "list" + criteria.queryString() + "#" + matching.size() + "#d" + tiles.drillVersion(),
        shown,
        List.of());
  }
}
