package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changes when the current inventory is replaced by a new one: the ids of resources and groups
 * added, changed (same id, different definition) and removed, each sorted. It only computes; a
 * removed resource keeps its history, which is the store's concern.
 */
public record InventoryDiff(
    List<String> addedResources,
    List<String> changedResources,
    List<String> removedResources,
    List<String> addedGroups,
    List<String> changedGroups,
    List<String> removedGroups) {

  public InventoryDiff {
    addedResources = List.copyOf(addedResources);
    changedResources = List.copyOf(changedResources);
    removedResources = List.copyOf(removedResources);
    addedGroups = List.copyOf(addedGroups);
    changedGroups = List.copyOf(changedGroups);
    removedGroups = List.copyOf(removedGroups);
  }

  /**
   * The difference from {@code current} to {@code next}. Resources compare as records; groups by
   * {@link GroupSpec#sameDefinitionAs(GroupSpec)}, so moving a group to another line is no change.
   */
  public static InventoryDiff between(InventoryDocument current, InventoryDocument next) {
    Map<String, Resource> before = byId(current.resources(), Resource::id);
    Map<String, Resource> after = byId(next.resources(), Resource::id);
    Map<String, GroupSpec> groupsBefore = byId(current.groups(), GroupSpec::id);
    Map<String, GroupSpec> groupsAfter = byId(next.groups(), GroupSpec::id);
    return new InventoryDiff(
        onlyIn(after, before),
        changed(before, after, Resource::equals),
        onlyIn(before, after),
        onlyIn(groupsAfter, groupsBefore),
        changed(groupsBefore, groupsAfter, GroupSpec::sameDefinitionAs),
        onlyIn(groupsBefore, groupsAfter));
  }

  /** True when nothing was added, changed or removed. */
  public boolean isEmpty() {
    return addedResources.isEmpty()
        && changedResources.isEmpty()
        && removedResources.isEmpty()
        && addedGroups.isEmpty()
        && changedGroups.isEmpty()
        && removedGroups.isEmpty();
  }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    return items.stream().collect(Collectors.toMap(id, item -> item, (a, b) -> a));
  }

  private static List<String> onlyIn(Map<String, ?> these, Map<String, ?> notThose) {
    return List.copyOf(
        these.keySet().stream()
            .filter(id -> !notThose.containsKey(id))
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static <T> List<String> changed(
      Map<String, T> before, Map<String, T> after, BiPredicate<T, T> same) {
    return List.copyOf(
        before.keySet().stream()
            .filter(id -> after.containsKey(id) && !same.test(before.get(id), after.get(id)))
            .collect(Collectors.toCollection(TreeSet::new)));
  }
}
