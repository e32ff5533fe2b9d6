package io.continuity.server.inventory;

import io.continuity.core.inventory.DependencyCycleException;
import io.continuity.core.inventory.Group;
import java.util.List;

/**
 * The seam between the inventory parser and the core {@link Group}: checks the dependency graph of
 * one fully parsed group and returns located errors (never throws). There is one cycle detection in
 * the product, the core group's; {@link #CORE_GROUP} turns its {@link DependencyCycleException}
 * into an error at the {@code dependsOn} entry of the first member of the cycle.
 */
@FunctionalInterface
public interface GroupDependencyCheck {

  /** The errors in this group's dependency graph; empty when it is sound. */
  List<InventoryError> check(GroupSpec group);

  /** Builds the core group; a cycle becomes an error located at the entry to fix. */
  GroupDependencyCheck CORE_GROUP =
      spec -> {
        try {
          spec.toGroup();
          return List.of();
        } catch (DependencyCycleException e) {
          return List.of(spec.locationOf(e.cycle().get(0)).error(e.getMessage()));
        } catch (IllegalArgumentException e) {
          return List.of(spec.location().error(e.getMessage()));
        }
      };
}
