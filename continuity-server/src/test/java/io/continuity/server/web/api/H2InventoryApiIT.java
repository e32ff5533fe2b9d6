package io.continuity.server.web.api;

import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The inventory API on the embedded H2 store. */
class H2InventoryApiIT extends InventoryApiContract {

  static final Path FILE = InventoryFiles.newFile();

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    TestStateStore.registerH2(registry, Files.createTempDirectory("continuity-inventory-it"));
    registerInventory(registry, FILE);
  }

  @Override
  Path file() {
    return FILE;
  }
}
