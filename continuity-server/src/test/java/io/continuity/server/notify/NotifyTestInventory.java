package io.continuity.server.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One simulated tier-1 resource, {@code orders-db}, for the notification tests. */
final class NotifyTestInventory {

  static final String PASSWORD = "notify-it-password";

  /** alice's tier-1 switchover: two approvals needed. */
  static final String TIER1 =
      """
      {"type":"SWITCHOVER","resourceId":"orders-db","targetSite":"dr",
       "changeTicket":"CHG0012345","reason":"planned DC maintenance"}""";

  private static final String YAML =
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
      """;

  private NotifyTestInventory() {}

  /** Writes the inventory into a new temp dir and returns the file. */
  static Path write() {
    try {
      Path dir = Files.createTempDirectory("continuity-notify");
      return Files.writeString(dir.resolve("inventory.yaml"), YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("continuity-notify-store");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
