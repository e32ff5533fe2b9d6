package io.continuity.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random groups: "dags" have edges only from a higher to a lower member index, so they are acyclic
 * by construction; "anyGraphs" have arbitrary edges and may contain cycles.
 */
class GroupWavesPropertyTest {

  @Property
  void everyDependentIsInALaterWaveThanWhatItDependsOn(@ForAll("dags") Group group) {
    Map<String, Integer> waveOf = waveIndex(group);

    for (DependencyEdge edge : group.dependencies()) {
      assertThat(waveOf.get(edge.member()))
          .as("wave of %s", edge)
          .isGreaterThan(waveOf.get(edge.dependsOn()));
    }
  }

  @Property
  void everyMemberIsInExactlyOneWaveAndNoWaveIsEmpty(@ForAll("dags") Group group) {
    List<String> flattened = group.waves().stream().flatMap(List::stream).toList();

    assertThat(flattened).containsExactlyInAnyOrderElementsOf(group.members());
    assertThat(group.waves()).allSatisfy(wave -> assertThat(wave).isNotEmpty().isSorted());
  }

  @Property
  void everyMemberAfterTheFirstWaveDependsOnSomethingInThePreviousWave(
      @ForAll("dags") Group group) {
    Map<String, Integer> waveOf = waveIndex(group);

    for (String member : group.members()) {
      int wave = waveOf.get(member);
      if (wave > 0) {
        assertThat(group.dependenciesOf(member))
            .as("%s in wave %d is there because of a dependency", member, wave)
            .anySatisfy(dep -> assertThat(waveOf.get(dep)).isEqualTo(wave - 1));
      }
    }
  }

  @Property
  void anyGraphIsEitherOrderedOrRejectedWithARealCycle(
      @ForAll("graphSizes") int size, @ForAll("seeds") List<Boolean> adjacency) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add("m" + i);
    }
    List<DependencyEdge> edges = new ArrayList<>();
    for (int from = 0; from < size; from++) {
      for (int to = 0; to < size; to++) {
        if (adjacency.get((from * size + to) % adjacency.size())) {
          edges.add(DependencyEdge.of("m" + from, "m" + to));
        }
      }
    }
    try {
      Group group = new Group("random", "Random", Tier.TIER_2, members, edges);
      Map<String, Integer> waveOf = waveIndex(group);
      assertThat(group.dependencies())
          .allSatisfy(
              e -> assertThat(waveOf.get(e.member())).isGreaterThan(waveOf.get(e.dependsOn())));
    } catch (DependencyCycleException e) {
      List<String> cycle = e.cycle();
      assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
      assertThat(cycle.get(0)).isEqualTo(cycle.stream().sorted().findFirst().orElseThrow());
      for (int i = 0; i + 1 < cycle.size(); i++) {
        assertThat(edges).contains(DependencyEdge.of(cycle.get(i), cycle.get(i + 1)));
      }
      assertThat(e).hasMessageContaining(String.join(" -> ", cycle));
    }
  }

  @Provide
  Arbitrary<Integer> graphSizes() {
    return Arbitraries.integers().between(1, 8);
  }

  @Provide
  Arbitrary<List<Boolean>> seeds() {
    return Arbitraries.of(true, false, false, false, false).list().ofSize(64);
  }

  private static Map<String, Integer> waveIndex(Group group) {
    Map<String, Integer> waveOf = new HashMap<>();
    List<List<String>> waves = group.waves();
    for (int i = 0; i < waves.size(); i++) {
      for (String member : waves.get(i)) {
        waveOf.put(member, i);
      }
    }
    return waveOf;
  }

  @Provide
  Arbitrary<Group> dags() {
    return Arbitraries.integers()
        .between(1, 12)
        .flatMap(
            size -> {
              Arbitrary<List<Boolean>> adjacency =
                  Arbitraries.of(true, false, false).list().ofSize(size * size);
              return Combinators.combine(Arbitraries.just(size), adjacency).as(this::group);
            });
  }

  private Group group(int size, List<Boolean> adjacency) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add("m" + i);
    }
    List<DependencyEdge> edges = new ArrayList<>();
    for (int from = 0; from < size; from++) {
      for (int to = 0; to < from; to++) {
        if (adjacency.get(from * size + to)) {
          edges.add(DependencyEdge.of("m" + from, "m" + to));
        }
      }
    }
    return new Group("random", "Random", Tier.TIER_2, members, edges);
  }
}
