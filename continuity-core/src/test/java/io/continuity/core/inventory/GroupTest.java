package io.continuity.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {

  private static Group group(List<String> members, DependencyEdge... edges) {
    return new Group("payments", "Payments", Tier.TIER_1, members, List.of(edges));
  }

  @Test
  void cycleIsRejectedWithTheCycleNamedInOrder() {
    assertThatThrownBy(
            () ->
                group(
                    List.of("c", "a", "b", "d"),
                    DependencyEdge.of("a", "b"),
                    DependencyEdge.of("b", "c"),
                    DependencyEdge.of("c", "a"),
                    DependencyEdge.of("d", "a")))
        .isInstanceOfSatisfying(
            DependencyCycleException.class,
            e -> {
              assertThat(e.cycle()).containsExactly("a", "b", "c", "a");
              assertThat(e.groupId()).isEqualTo("payments");
            })
        .hasMessageContaining("a -> b -> c -> a")
        .hasMessageContaining("group payments");
  }

  @Test
  void cycleMessageStartsAtTheSmallestMemberWhereverTheSearchEntersIt() {
    assertThatThrownBy(
            () ->
                group(
                    List.of("a", "m", "x", "y"),
                    DependencyEdge.of("a", "y"),
                    DependencyEdge.of("y", "x"),
                    DependencyEdge.of("x", "m"),
                    DependencyEdge.of("m", "y")))
        .isInstanceOf(DependencyCycleException.class)
        .hasMessageContaining("m -> y -> x -> m");
  }

  @Test
  void memberDependingOnItselfIsACycle() {
    assertThatThrownBy(() -> group(List.of("a"), DependencyEdge.of("a", "a")))
        .isInstanceOf(DependencyCycleException.class)
        .hasMessageContaining("a -> a");
  }

  @Test
  void independentMembersShareTheFirstWave() {
    Group group = group(List.of("c", "a", "b"));

    assertThat(group.waves()).containsExactly(List.of("a", "b", "c"));
  }

  @Test
  void memberComesInTheWaveAfterEverythingItDependsOn() {
    Group group =
        group(
            List.of("app", "auth", "ref", "report"),
            DependencyEdge.of("app", "auth"),
            DependencyEdge.of("app", "ref"),
            DependencyEdge.of("report", "app"),
            DependencyEdge.of("report", "ref"));

    assertThat(group.waves())
        .containsExactly(List.of("auth", "ref"), List.of("app"), List.of("report"));
  }

  @Test
  void longestDependencyChainDecidesTheWave() {
    Group group =
        group(
            List.of("a", "b", "c", "d"),
            DependencyEdge.of("b", "a"),
            DependencyEdge.of("c", "b"),
            DependencyEdge.of("d", "a"),
            DependencyEdge.of("d", "c"));

    assertThat(group.waves())
        .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
  }

  @Test
  void dependencyOnANonMemberIsRejected() {
    assertThatThrownBy(() -> group(List.of("a", "b"), DependencyEdge.of("a", "z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> z")
        .hasMessageContaining("not a member");
  }

  @Test
  void duplicateMemberIsRejected() {
    assertThatThrownBy(() -> group(List.of("a", "b", "a")))
        .hasMessageContaining("lists member a twice");
  }

  @Test
  void emptyGroupIsRejected() {
    assertThatThrownBy(() -> group(List.of())).hasMessageContaining("at least one member");
  }

  @Test
  void invalidGroupIdIsRejected() {
    assertThatThrownBy(() -> Group.of("Payments Stack", "P", Tier.TIER_2, List.of("a")))
        .hasMessageContaining("group id 'Payments Stack'");
  }

  @Test
  void duplicateEdgesCollapseToOne() {
    Group group =
        group(List.of("a", "b"), DependencyEdge.of("b", "a"), DependencyEdge.of("b", "a"));

    assertThat(group.dependencies()).containsExactly(DependencyEdge.of("b", "a"));
    assertThat(group.dependenciesOf("b")).containsExactly("a");
    assertThat(group.dependenciesOf("a")).isEmpty();
  }
}
