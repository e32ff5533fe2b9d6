package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid inventory: every resource and every group of all the files that were parsed, in
 * the order they were written, with look-up by id (an estate has thousands of resources, so
 * reconciling must not scan the list per id). Only {@link InventoryParser} produces one from files,
 * and only when no file had any error.
 */
public final class InventoryDocument {

  private final List<Resource> resources;
  private final List<GroupSpec> groups;
  private final Map<String, Resource> resourcesById = new LinkedHashMap<>();
  private final Map<String, GroupSpec> groupsById = new LinkedHashMap<>();
  private final Map<String, SourceLocation> resourceLocations;

  public InventoryDocument(List<Resource> resources, List<GroupSpec> groups) {
    this(resources, groups, Map.of());
  }

  /**
   * @param resourceLocations where each resource's id was written (files parsed); empty for an
   *     inventory read back from the store. Not part of equality.
   */
  public InventoryDocument(
      List<Resource> resources,
      List<GroupSpec> groups,
      Map<String, SourceLocation> resourceLocations) {
    this.resourceLocations = Map.copyOf(resourceLocations);
    this.resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    this.groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    this.resources.forEach(r -> resourcesById.putIfAbsent(r.id(), r));
    this.groups.forEach(g -> groupsById.putIfAbsent(g.id(), g));
  }

  public static InventoryDocument empty() {
    return new InventoryDocument(List.of(), List.of());
  }

  public List<Resource> resources() {
    return resources;
  }

  public List<GroupSpec> groups() {
    return groups;
  }

  public Optional<Resource> resource(String id) {
    return Optional.ofNullable(resourcesById.get(id));
  }

  public Optional<GroupSpec> group(String id) {
    return Optional.ofNullable(groupsById.get(id));
  }

  /** Where the resource's {@code id} was written, when this document was parsed from files. */
  public Optional<SourceLocation> locationOf(String resourceId) {
    return Optional.ofNullable(resourceLocations.get(resourceId));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InventoryDocument other
        && resources.equals(other.resources)
        && groups.equals(other.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resources, groups);
  }

  @Override
  public String toString() {
    return "InventoryDocument[" + resources.size() + " resources, " + groups.size() + " groups]";
  }
}
