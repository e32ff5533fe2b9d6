package io.continuity.server.web.ui;

import io.continuity.core.inventory.Group;
import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * A group's page: its status with every reason, then its members wave by wave in dependency order
 * (the order a group execution runs them), each as its estate tile.
 */
@Controller
class GroupPageController {

  private final MonitoringStatus monitoring;
  private final EstateTiles tiles;
  private final Clock clock;

  GroupPageController(MonitoringStatus monitoring, EstateTiles tiles, Clock clock) {
    this.monitoring = monitoring;
    this.tiles = tiles;
    this.clock = clock;
  }

  /** One wave of members: its number (1 first) and the members' tiles. */
  record Wave(int number, List<Tile> tiles) {}

  @GetMapping("/groups/{id}")
  String group(@PathVariable String id, Model model) {
    GroupStatus status =
        monitoring
            .group(id)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "There is no group " + id + " in the inventory"));
    Group group = status.group();
    Instant now = clock.instant();
    List<Wave> waves = new ArrayList<>();
    List<List<String>> order = group.waves();
    for (int i = 0; i < order.size(); i++) {
      List<Tile> members = new ArrayList<>();
      for (String member : order.get(i)) {
        monitoring
            .resource(member)
            .map((ResourceStatus s) -> tiles.resourceTile(s, now))
            .ifPresent(members::add);
      }
      waves.add(new Wave(i + 1, members));
    }
    model.addAttribute("group", group);
    model.addAttribute("tile", tiles.groupTile(status, now));
    model.addAttribute("outcome", status.outcome());
    model.addAttribute("waves", waves);
    return "group";
  }
}
