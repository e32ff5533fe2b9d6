package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {

  @TempDir Path dir;

  @Test
  void loadsTheConfiguredFiles() {
    InventoryLoader loader =
        new InventoryLoader(new InventoryProperties(List.of("../examples/demo-inventory.yaml")));

    assertThat(loader.load().resource("demo-orders")).isPresent();
  }

  @Test
  void refusesAnInvalidInventoryListingEveryError() {
    Path bad =
        InventoryTestFiles.write(
            dir,
            "bad.yaml",
            InventoryTestFiles.withLine(4, "    platform: oracle").replace("30s", "x"));
    InventoryLoader loader = new InventoryLoader(new InventoryProperties(List.of(bad.toString())));

    assertThatThrownBy(loader::load)
        .isInstanceOfSatisfying(
            InvalidInventoryException.class, e -> assertThat(e.errors()).hasSize(2))
        .hasMessageContaining(bad + ":4: resources[0].platform: unknown platform 'oracle'")
        .hasMessageContaining(bad + ":11: resources[0].rpo.target:");
  }

  @Test
  void noConfiguredFilesIsAnEmptyInventory() {
    assertThat(new InventoryLoader(new InventoryProperties(null)).load())
        .isEqualTo(InventoryDocument.empty());
  }
}
