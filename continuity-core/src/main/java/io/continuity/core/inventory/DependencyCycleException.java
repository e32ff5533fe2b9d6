package io.continuity.core.inventory;

import java.util.List;

/**
 * Thrown when a group's dependencies form a cycle, so no member could go first. The message names
 * the cycle in order, each member depending on the next ({@code a -> b -> c -> a}), starting at the
 * member with the smallest id; removing any one of those edges fixes it.
 */
public class DependencyCycleException extends IllegalArgumentException {

  private final String groupId;
  private final List<String> cycle;

  /**
   * @param groupId the group whose dependencies are cyclic
   * @param cycle the members in the cycle, each depending on the next, the first repeated at the
   *     end
   */
  public DependencyCycleException(String groupId, List<String> cycle) {
    super(
        "group "
            + groupId
            + " has a dependency cycle: "
            + String.join(" -> ", cycle)
            + " (each member depends on the next); remove one of these dependencies");
    this.groupId = groupId;
    this.cycle = List.copyOf(cycle);
  }

  public String groupId() {
    return groupId;
  }

  /** The members of the cycle in order, the first one repeated at the end. */
  public List<String> cycle() {
    return cycle;
  }
}
