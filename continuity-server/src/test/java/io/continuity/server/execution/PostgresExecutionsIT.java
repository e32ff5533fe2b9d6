package io.continuity.server.execution;

import io.continuity.server.support.PostgresTestServer;
import io.continuity.server.support.TestStateStore;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The executions API on the real PostgreSQL (fresh schema, demo profile). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class PostgresExecutionsIT extends ExecutionsApiContract {

  @BeforeAll
  static void requirePostgres() {
    PostgresTestServer.assumeReachable();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    TestStateStore.registerPostgres(registry);
    registry.add("continuity.demo.password", () -> PASSWORD);
    registry.add("continuity.inventory", () -> ExecutionTestInventory.write().toString());
  }
}
