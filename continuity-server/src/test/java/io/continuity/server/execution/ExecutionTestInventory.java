package io.continuity.server.execution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small inventory of simulated resources for the execution tests: {@code orders-db} (tier 1,
 * sites site-a/site-b), {@code reports-db} (tier 2) and the tier-1 group {@code checkout}.
 */
final class ExecutionTestInventory {

  static final String YAML =
      """
      resources:
        - id: orders-db
          name: Orders
          platform: simulated
          tier: 1
          environment: test
          owner: dba@example.com
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 30s }
          connector:
            settings: { scenario: steady }
        - id: reports-db
          name: Reports
          platform: simulated
          tier: 2
          environment: test
          owner: dba@example.com
          sites: { primary: site-c, dr: site-d }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      groups:
        - id: checkout
          name: Checkout
          tier: 1
          members: [orders-db]
      """;

  private ExecutionTestInventory() {}

  /** Writes the inventory into a new temp dir and returns the file. */
  static Path write() {
    try {
      Path dir = Files.createTempDirectory("continuity-executions");
      return Files.writeString(dir.resolve("inventory.yaml"), YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
