package io.continuity.core.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph behind {@link Group}: finds cycles and orders members into waves. Iteration is over
 * sorted ids everywhere so results are deterministic.
 */
final class DependencyGraph {

  /** member -> the members it depends on, both sorted. */
  private final Map<String, TreeSet<String>> dependsOn = new TreeMap<>();

  DependencyGraph(Collection<String> members, Collection<DependencyEdge> edges) {
    for (String member : members) {
      dependsOn.put(member, new TreeSet<>());
    }
    for (DependencyEdge edge : edges) {
      dependsOn.get(edge.member()).add(edge.dependsOn());
    }
  }

  List<String> dependenciesOf(String member) {
    TreeSet<String> deps = dependsOn.get(member);
    return deps == null ? List.of() : List.copyOf(deps);
  }

  /**
   * A cycle, each member depending on the next and the first repeated at the end, rotated to start
   * at its smallest id; empty when the graph is acyclic.
   */
  Optional<List<String>> findCycle() {
    Map<String, Mark> marks = new HashMap<>();
    List<String> path = new ArrayList<>();
    for (String start : dependsOn.keySet()) {
      if (!marks.containsKey(start)) {
        Optional<List<String>> cycle = visit(start, marks, path);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String node, Map<String, Mark> marks, List<String> path) {
    marks.put(node, Mark.ON_PATH);
    path.add(node);
    for (String next : dependsOn.get(node)) {
      Mark mark = marks.get(next);
      if (mark == Mark.ON_PATH) {
        return Optional.of(rotate(path.subList(path.indexOf(next), path.size())));
      }
      if (mark == null) {
        Optional<List<String>> cycle = visit(next, marks, path);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    path.remove(path.size() - 1);
    marks.put(node, Mark.DONE);
    return Optional.empty();
  }

  private static List<String> rotate(List<String> cycle) {
    int smallest = cycle.indexOf(Collections.min(cycle));
    List<String> rotated = new ArrayList<>(cycle.size() + 1);
    for (int i = 0; i < cycle.size(); i++) {
      rotated.add(cycle.get((smallest + i) % cycle.size()));
    }
    rotated.add(rotated.get(0));
    return rotated;
  }

  /** Members by wave: a member's wave is one after the latest wave of what it depends on. */
  List<List<String>> waves() {
    Map<String, Integer> level = new HashMap<>();
    int deepest = -1;
    for (String member : dependsOn.keySet()) {
      deepest = Math.max(deepest, levelOf(member, level));
    }
    List<List<String>> waves = new ArrayList<>();
    for (int i = 0; i <= deepest; i++) {
      waves.add(new ArrayList<>());
    }
    for (String member : dependsOn.keySet()) {
      waves.get(level.get(member)).add(member);
    }
    return waves.stream().map(List::copyOf).toList();
  }

  private int levelOf(String member, Map<String, Integer> level) {
    Integer known = level.get(member);
    if (known != null) {
      return known;
    }
    int result = 0;
    for (String dependency : dependsOn.get(member)) {
      result = Math.max(result, levelOf(dependency, level) + 1);
    }
    level.put(member, result);
    return result;
  }

  private enum Mark {
    ON_PATH,
    DONE
  }
}
