package io.continuity.server.inventory;

import java.util.List;

/**
 * The seam between the inventory parser and the core {@code Group}: checks the dependency graph of
 * one fully parsed group and returns located errors (never throws).
 *
 * <p>The parser checks everything it can see in the text (members exist, {@code dependsOn} names
 * members); whether the graph has a cycle is decided by the core {@code Group} alone, so there is
 * one cycle detection in the product. The merged implementation builds the core group from the spec
 * and turns a {@code DependencyCycleException} into an error at {@link
 * GroupSpec#locationOf(String)} of the first member of the cycle, along these lines (names of the
 * core API are whatever the core {@code Group} offers):
 *
 * <pre>{@code
 * GroupDependencyCheck core = spec -> {
 *   try {
 *     Group.of(spec.id(), spec.name(), spec.tier(), spec.members(), spec.dependsOn()).waves();
 *     return List.of();
 *   } catch (DependencyCycleException e) {
 *     return List.of(spec.locationOf(e.cycle().get(0)).error(e.getMessage()));
 *   }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface GroupDependencyCheck {

  /** The errors in this group's dependency graph; empty when it is sound. */
  List<InventoryError> check(GroupSpec group);

  /**
   * Placeholder until the core {@code Group} is merged: accepts every graph. Replace it (in {@link
   * InventoryParser#InventoryParser()}) with the core-backed check.
   */
  GroupDependencyCheck NOT_YET_WIRED_TO_CORE_GROUP = group -> List.of();
}
