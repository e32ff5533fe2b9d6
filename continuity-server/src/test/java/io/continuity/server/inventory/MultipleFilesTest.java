package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files are one inventory: ids are unique across them and every error is reported. */
class MultipleFilesTest {

  @TempDir Path dir;

  private final InventoryParser parser = new InventoryParser();

  private static final String ORDERS_ONLY =
      String.join("\n", InventoryTestFiles.VALID.subList(0, 15)) + "\n";

  @Test
  void groupMayNameResourcesOfAnotherFile() {
    Path resources = InventoryTestFiles.write(dir, "resources.yaml", ORDERS_ONLY);
    Path groups =
        InventoryTestFiles.write(
            dir,
            "groups.yaml",
            "groups:\n  - id: checkout\n    name: Checkout\n    tier: 1\n    members: [orders-db]\n");

    InventoryParseResult result = parser.parse(List.of(resources, groups));

    assertThat(result.errors()).isEmpty();
    assertThat(result.orElseThrow().group("checkout").orElseThrow().members())
        .containsExactly("orders-db");
  }

  @Test
  void duplicateAcrossFilesNamesBothFilesAndLines() {
    Path first = InventoryTestFiles.write(dir, "a.yaml", ORDERS_ONLY);
    Path second = InventoryTestFiles.write(dir, "b.yaml", "# the same again\n" + ORDERS_ONLY);

    List<InventoryError> errors = parser.parse(List.of(first, second)).errors();

    assertThat(errors).hasSize(1);
    InventoryError error = errors.get(0);
    assertThat(error.file()).isEqualTo(second.toString());
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.fieldPath()).isEqualTo("resources[0].id");
    assertThat(error.message()).contains("also defined at " + first + ":2 (resources[0].id)");
  }

  @Test
  void errorsOfAllFilesAreCollectedInFileAndLineOrder() {
    Path first =
        InventoryTestFiles.write(
            dir, "a.yaml", InventoryTestFiles.withLine(5, "    tier: 9").replace("30s", "soon"));
    Path second = InventoryTestFiles.write(dir, "b.yaml", "resources:\n  - id: x\n    bogus: 1\n");

    InventoryParseResult result = parser.parse(List.of(first, second));

    assertThat(result.errors())
        .extracting(e -> e.file() + ":" + e.line())
        .startsWith(first + ":5", first + ":11")
        .contains(second + ":2", second + ":3");
  }

  @Test
  void oneBadFileRefusesTheWholeInventory() {
    Path good = InventoryTestFiles.write(dir, "good.yaml", ORDERS_ONLY);
    Path bad = InventoryTestFiles.write(dir, "bad.yaml", "resources: [\n");

    InventoryParseResult result = parser.parse(List.of(good, bad));

    assertThat(result).isInstanceOf(InventoryParseResult.Invalid.class);
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.file()).isEqualTo(bad.toString()));
    assertThatThrownBy(result::orElseThrow)
        .isInstanceOf(InvalidInventoryException.class)
        .hasMessageContaining("the inventory has 1 error and was not loaded")
        .hasMessageContaining(bad + ":");
  }

  @Test
  void unknownMembersAreNotReportedWhenAFileCouldNotBeRead() {
    Path groups =
        InventoryTestFiles.write(
            dir,
            "groups.yaml",
            "groups:\n  - id: checkout\n    name: Checkout\n    tier: 1\n    members: [orders-db]\n");
    Path broken = InventoryTestFiles.write(dir, "resources.yaml", "resources:\n  - id: [\n");

    List<InventoryError> errors = parser.parse(List.of(broken, groups)).errors();

    assertThat(errors).extracting(InventoryError::file).containsOnly(broken.toString());
  }

  @Test
  void fileThatIsNotAMappingSaysWhatItShouldBe() {
    Path list = InventoryTestFiles.write(dir, "list.yaml", "- orders-db\n- payments-db\n");

    assertThat(parser.parse(List.of(list)).errors())
        .extracting(InventoryError::toString)
        .containsExactly(
            list + ":1: an inventory file is a mapping with the keys resources and groups");
  }

  @Test
  void emptyFilesAndEmptyDocumentsAddNothing() {
    Path empty = InventoryTestFiles.write(dir, "empty.yaml", "# nothing yet\n---\n");

    InventoryParseResult result = parser.parse(List.of(empty));

    assertThat(result.orElseThrow()).isEqualTo(InventoryDocument.empty());
  }
}
