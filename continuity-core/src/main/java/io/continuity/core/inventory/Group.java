package io.continuity.core.inventory;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resources that fail over together, with the dependencies that order them. The dependencies form a
 * directed acyclic graph over the members ({@link DependencyEdge}: member depends on dependsOn);
 * {@link #waves()} turns it into the order an execution acts in: everything a member depends on is
 * in an earlier wave, and members that do not depend on each other share a wave.
 *
 * @param members resource ids, at least one, no duplicates
 * @param dependencies edges between members only; duplicates are collapsed; no cycles
 * @throws DependencyCycleException when the dependencies contain a cycle
 */
public record Group(
    String id, String name, Tier tier, List<String> members, List<DependencyEdge> dependencies) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public Group {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(dependencies, "dependencies");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "group id '"
              + id
              + "' must be lower-case letters, digits and '-' (for example payments-stack)");
    }
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("group " + id + " needs at least one member resource");
    }
    Set<String> seen = new HashSet<>();
    for (String member : members) {
      if (!seen.add(member)) {
        throw new IllegalArgumentException(
            "group " + id + " lists member " + member + " twice; list each resource once");
      }
    }
    dependencies = List.copyOf(new LinkedHashSet<>(dependencies));
    for (DependencyEdge edge : dependencies) {
      if (!seen.contains(edge.member()) || !seen.contains(edge.dependsOn())) {
        throw new IllegalArgumentException(
            "group "
                + id
                + ": dependency "
                + edge
                + " names a resource that is not a member; dependencies may only join members "
                + members);
      }
    }
    new DependencyGraph(members, dependencies)
        .findCycle()
        .ifPresent(
            cycle -> {
              throw new DependencyCycleException(id, cycle);
            });
  }

  /** A group without dependencies: all members in one wave. */
  public static Group of(String id, String name, Tier tier, List<String> members) {
    return new Group(id, name, tier, members, List.of());
  }

  public boolean contains(String resourceId) {
    return members.contains(resourceId);
  }

  /** The members {@code member} depends on directly, sorted; empty for a non-member. */
  public List<String> dependenciesOf(String member) {
    return new DependencyGraph(members, dependencies).dependenciesOf(member);
  }

  /**
   * The members in topological waves: wave 0 depends on nothing, and every member is in the wave
   * after the latest wave of what it depends on. Each wave is sorted by id; every member appears in
   * exactly one wave.
   */
  public List<List<String>> waves() {
    return new DependencyGraph(members, dependencies).waves();
  }
}
