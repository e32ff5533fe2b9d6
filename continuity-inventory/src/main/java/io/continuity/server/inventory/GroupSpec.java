package io.continuity.server.inventory;

import io.continuity.core.inventory.DependencyEdge;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A group as written in the inventory: its members (resource ids that exist) and, per member, the
 * members it depends on (dependencies fail over first). Every reference has been checked, but the
 * graph is checked for cycles by the core {@link Group} ({@link #toGroup()}), wired through {@link
 * GroupDependencyCheck#CORE_GROUP}.
 *
 * <p>It keeps where it was written ({@link #location()}) and where each {@code dependsOn} entry was
 * written ({@link #dependsOnLocations()}), so a cycle found later is reported at the line to fix.
 * Because of those locations, compare definitions with {@link #sameDefinitionAs(GroupSpec)}, not
 * {@code equals}.
 *
 * @param dependsOn member id to the ids of the members it depends on, in written order
 * @param dependsOnLocations member id to the location of its {@code dependsOn} entry
 */
public record GroupSpec(
    String id,
    String name,
    Tier tier,
    List<String> members,
    Map<String, List<String>> dependsOn,
    SourceLocation location,
    Map<String, SourceLocation> dependsOnLocations) {

  public GroupSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(location, "location");
    members = List.copyOf(members);
    Map<String, List<String>> edges = new LinkedHashMap<>();
    dependsOn.forEach((member, targets) -> edges.put(member, List.copyOf(targets)));
    dependsOn = Collections.unmodifiableMap(edges);
    dependsOnLocations = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOnLocations));
    for (String member : dependsOn.keySet()) {
      if (!members.contains(member)) {
        throw new IllegalArgumentException(
            "group " + id + ": dependsOn names '" + member + "', which is not a member");
      }
      for (String target : dependsOn.get(member)) {
        if (!members.contains(target)) {
          throw new IllegalArgumentException(
              "group " + id + ": '" + member + "' depends on '" + target + "', not a member");
        }
      }
    }
  }

  /**
   * The core group this spec declares.
   *
   * @throws io.continuity.core.inventory.DependencyCycleException when the dependencies form a
   *     cycle
   */
  public Group toGroup() {
    List<DependencyEdge> edges = new ArrayList<>();
    dependsOn.forEach(
        (member, targets) ->
            targets.forEach(target -> edges.add(DependencyEdge.of(member, target))));
    return new Group(id, name, tier, members, edges);
  }

  /** The members this member depends on (empty when none). */
  public List<String> dependenciesOf(String member) {
    return dependsOn.getOrDefault(member, List.of());
  }

  /**
   * Where the {@code dependsOn} entry of this member was written, or where the group was written
   * when the member has none: the place to report a cycle through this member.
   */
  public SourceLocation locationOf(String member) {
    return dependsOnLocations.getOrDefault(member, location);
  }

  /**
   * True when both describe the same group (id, name, tier, member set, dependency sets), whatever
   * the order or the lines they were written on.
   */
  public boolean sameDefinitionAs(GroupSpec other) {
    return id.equals(other.id)
        && name.equals(other.name)
        && tier == other.tier
        && Set.copyOf(members).equals(Set.copyOf(other.members))
        && edgeSets(dependsOn).equals(edgeSets(other.dependsOn));
  }

  private static Map<String, Set<String>> edgeSets(Map<String, List<String>> edges) {
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    edges.forEach(
        (member, targets) -> {
          if (!targets.isEmpty()) {
            sets.put(member, new HashSet<>(targets));
          }
        });
    return sets;
  }
}
