package io.continuity.server.web.api;

import io.continuity.server.inventory.Inventory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The groups of the inventory with their dependency waves. Any Continuity role may read them. */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Inventory")
public class GroupsController {

  private final Inventory inventory;

  public GroupsController(Inventory inventory) {
    this.inventory = inventory;
  }

  @Operation(summary = "List groups with members, dependencies and waves")
  @GetMapping
  public List<GroupResponse> list() {
    return inventory.groups().stream().map(GroupResponse::of).toList();
  }

  @Operation(summary = "One group: members, dependencies and the waves an execution follows")
  @GetMapping("/{id}")
  public GroupResponse get(@PathVariable String id) {
    return inventory
        .group(id)
        .map(GroupResponse::of)
        .orElseThrow(() -> new NotFoundException("group", id));
  }
}
