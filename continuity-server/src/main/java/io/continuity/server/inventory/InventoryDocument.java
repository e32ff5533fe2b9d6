package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid inventory: every resource and every group of all the files that were parsed, in
 * the order they were written. Only {@link InventoryParser} produces one from files, and only when
 * no file had any error.
 */
public record InventoryDocument(List<Resource> resources, List<GroupSpec> groups) {

  public InventoryDocument {
    resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
  }

  public static InventoryDocument empty() {
    return new InventoryDocument(List.of(), List.of());
  }

  public Optional<Resource> resource(String id) {
    return resources.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Optional<GroupSpec> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }
}
