package io.continuity.server.web.api;

import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.TestStateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The inventory API on the real PostgreSQL (a fresh schema). */
class PostgresInventoryApiIT extends InventoryApiContract {

  static final Path FILE = InventoryFiles.newFile();

  @BeforeAll
  static void requirePostgres() {
    PostgresTestServer.assumeReachable();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    TestStateStore.registerPostgres(registry);
    registerInventory(registry, FILE);
  }

  @Override
  Path file() {
    return FILE;
  }
}
