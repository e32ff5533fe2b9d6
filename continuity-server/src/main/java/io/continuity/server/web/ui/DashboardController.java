package io.continuity.server.web.ui;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The estate dashboard and the fragment its tiles refresh from every few seconds (htmx). */
@Controller
class DashboardController {

  private final EstateTiles tiles;

  DashboardController(EstateTiles tiles) {
    this.tiles = tiles;
  }

  @GetMapping("/")
  String dashboard(
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String status,
      Model model) {
    EstateFilter filter = new EstateFilter(tier, platform, environment, status);
    model.addAttribute("filter", filter);
    model.addAttribute("tiles", tiles.tiles(filter));
    model.addAttribute("platforms", tiles.platforms());
    model.addAttribute("environments", tiles.environments());
    return "dashboard";
  }

  @GetMapping("/fragments/estate")
  String estate(
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String status,
      Model model) {
    EstateFilter filter = new EstateFilter(tier, platform, environment, status);
    model.addAttribute("filter", filter);
    model.addAttribute("tiles", tiles.tiles(filter));
    return "dashboard :: tiles";
  }
}
