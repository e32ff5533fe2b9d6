package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.inventory.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored definition reads back as the same inventory, so a reload of unchanged files is no
 * change.
 */
class DefinitionJsonTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  private final InventoryDocument examples =
      new InventoryParser()
          .parse(
              List.of(EXAMPLES.resolve("inventory.yaml"), EXAMPLES.resolve("demo-inventory.yaml")))
          .orElseThrow();

  @Test
  void everyExampleResourceSurvivesTheStoredForm() {
    for (Resource resource : examples.resources()) {
      assertThat(DefinitionJson.readResource(DefinitionJson.write(resource))).isEqualTo(resource);
    }
  }

  @Test
  void everyExampleGroupSurvivesTheStoredForm() {
    for (GroupSpec group : examples.groups()) {
      GroupSpec back = DefinitionJson.readGroup(DefinitionJson.write(group));
      assertThat(back.sameDefinitionAs(group)).as(group.id()).isTrue();
      assertThat(back.toGroup().waves()).isEqualTo(group.toGroup().waves());
    }
  }

  @Test
  void storedInventoryComparedWithTheSameFilesIsNoChange() {
    InventoryDocument stored =
        new InventoryDocument(
            examples.resources().stream()
                .map(r -> DefinitionJson.readResource(DefinitionJson.write(r)))
                .toList(),
            examples.groups().stream()
                .map(g -> DefinitionJson.readGroup(DefinitionJson.write(g)))
                .toList());

    assertThat(InventoryDiff.between(stored, examples).isEmpty()).isTrue();
  }

  @Test
  void credentialsAreStoredAsReferencesOnly() {
    Resource orders = examples.resource("orders-db").orElseThrow();

    String json = DefinitionJson.write(orders);

    assertThat(json).contains("\"credentials\":{").containsPattern("\"(env|file):[^\"]+\"");
  }

  @Test
  void hashIgnoresMemberOrderButNotMembership() {
    GroupSpec group = examples.group("checkout").orElseThrow();
    List<String> reversed = new java.util.ArrayList<>(group.members());
    java.util.Collections.reverse(reversed);
    GroupSpec reordered =
        new GroupSpec(
            group.id(),
            group.name(),
            group.tier(),
            reversed,
            group.dependsOn(),
            group.location(),
            group.dependsOnLocations());
    GroupSpec smaller =
        new GroupSpec(
            group.id(),
            group.name(),
            group.tier(),
            group.members().subList(0, group.members().size() - 1),
            java.util.Map.of(),
            group.location(),
            java.util.Map.of());

    assertThat(DefinitionJson.hash(reordered)).isEqualTo(DefinitionJson.hash(group));
    assertThat(DefinitionJson.hash(smaller)).isNotEqualTo(DefinitionJson.hash(group));
  }
}
