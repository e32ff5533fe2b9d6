package io.continuity.server.inventory;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The inventory read once from the configured files at start-up; a file with any error stops the
 * start with every error listed. Kept in memory only.
 */
@Component
class ConfiguredInventory implements Inventory {

  private final List<Resource> resources;
  private final List<Group> groups;

  ConfiguredInventory(InventoryLoader loader) {
    InventoryDocument document = loader.load();
    this.resources = document.resources();
    this.groups = document.groups().stream().map(GroupSpec::toGroup).toList();
  }

  @Override
  public List<Resource> resources() {
    return resources;
  }

  @Override
  public Optional<Resource> resource(String id) {
    return resources.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  @Override
  public List<Group> groups() {
    return groups;
  }

  @Override
  public Optional<Group> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  @Override
  public String currentPrimarySite(String resourceId) {
    return resource(resourceId)
        .orElseThrow(() -> new NoSuchElementException("no resource " + resourceId))
        .primarySite()
        .name();
  }
}
