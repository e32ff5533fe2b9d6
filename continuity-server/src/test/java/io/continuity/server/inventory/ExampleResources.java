package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.nio.file.Path;
import java.util.List;

/** The resources of the shipped reference inventory, for tests outside this package. */
public final class ExampleResources {

  private ExampleResources() {}

  public static List<Resource> reference() {
    return new InventoryParser()
        .parse(List.of(Path.of("..", "examples", "inventory.yaml")))
        .orElseThrow()
        .resources();
  }
}
