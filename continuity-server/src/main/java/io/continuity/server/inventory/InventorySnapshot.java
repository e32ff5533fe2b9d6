package io.continuity.server.inventory;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory as stored at one moment, immutable, so readers never see half a reload: active
 * resources and groups by id (ordered by id), the current primary site of each resource, and the
 * removed resources.
 */
record InventorySnapshot(
    Map<String, Resource> resources,
    Map<String, String> currentPrimarySites,
    Map<String, Group> groups,
    List<RemovedResource> removed) {

  static final InventorySnapshot EMPTY =
      new InventorySnapshot(Map.of(), Map.of(), Map.of(), List.of());

  InventorySnapshot {
    resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    currentPrimarySites = Map.copyOf(currentPrimarySites);
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    removed = List.copyOf(removed);
  }

  /** Decodes the stored rows (both maps ordered by id). */
  static InventorySnapshot of(
      Map<String, StoredItem> resourceRows, Map<String, StoredItem> groupRows) {
    Map<String, Resource> resources = new LinkedHashMap<>();
    Map<String, String> primaries = new LinkedHashMap<>();
    List<RemovedResource> removed = new ArrayList<>();
    for (StoredItem row : resourceRows.values()) {
      Resource resource = DefinitionJson.readResource(row.definition());
      if (row.isActive()) {
        resources.put(row.id(), resource);
        primaries.put(row.id(), row.currentPrimarySite());
      } else {
        removed.add(
            new RemovedResource(resource, row.currentPrimarySite(), row.removedAt().orElseThrow()));
      }
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    for (StoredItem row : groupRows.values()) {
      if (row.isActive()) {
        groups.put(row.id(), DefinitionJson.readGroup(row.definition()).toGroup());
      }
    }
    return new InventorySnapshot(resources, primaries, groups, removed);
  }

  Optional<Resource> resource(String id) {
    return Optional.ofNullable(resources.get(id));
  }

  Optional<Group> group(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  boolean isEmpty() {
    return resources.isEmpty() && groups.isEmpty();
  }
}
