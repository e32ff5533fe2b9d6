package io.continuity.server.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The inventory the API tests start from, edits of it, and a temp file to hold it. */
final class InventoryFiles {

  static final String BASE =
      """
      resources:
        - id: orders-db
          name: Orders
          platform: postgresql
          tier: 1
          environment: production
          owner: dba@example.com
          sites:
            primary: { name: site-a, metadata: { region: eu-west } }
            dr: { name: site-b }
          rpo: { target: 30s, warn: 10s, warnBytes: 16MB, criticalBytes: 1GB }
          heartbeat: { interval: 5s }
          connector:
            settings: { database: orders }
            sites:
              site-a: { host: db-a.example.com, port: "5432" }
            credentials:
              password: env:ORDERS_PW
        - id: reports-db
          name: Reports
          platform: simulated
          tier: 2
          environment: staging
          owner: bi@example.com
          sites: { primary: sim-east, dr: sim-west }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      groups:
        - id: checkout
          name: Checkout
          tier: 1
          members: [orders-db, reports-db]
          dependsOn:
            orders-db: [reports-db]
      """;

  /** BASE with billing-db added, orders-db renamed and reports-db removed. */
  static final String EDITED =
      BASE.replace("name: Orders\n", "name: Orders v2\n")
          .replace("id: reports-db", "id: billing-db")
          .replace("name: Reports", "name: Billing")
          .replace("[orders-db, reports-db]", "[orders-db, billing-db]")
          .replace("orders-db: [reports-db]", "orders-db: [billing-db]");

  private InventoryFiles() {}

  /** Broken versions of BASE: what is wrong, content, text on the error line, field path. */
  static Stream<Arguments> badFiles() {
    String base = BASE;
    return Stream.of(
        Arguments.of(
            "unknown platform",
            base.replace("platform: postgresql", "platform: oracle"),
            "platform: oracle",
            "resources[0].platform"),
        Arguments.of(
            "duplicate id",
            base.replace("id: reports-db", "id: orders-db # again"),
            "# again",
            "resources[1].id"),
        Arguments.of(
            "dependency cycle",
            base.replace(
                "orders-db: [reports-db]",
                "orders-db: [reports-db]\n      reports-db: [orders-db]"),
            null,
            "groups[0].dependsOn."),
        Arguments.of(
            "missing RPO",
            base.replace("    rpo: { target: 5m }\n", ""),
            "id: reports-db",
            "resources[1].rpo"),
        Arguments.of(
            "unknown key",
            base.replace("    tier: 2\n", "    tier: 2\n    enviroment: x\n"),
            "enviroment: x",
            "resources[1].enviroment"),
        Arguments.of(
            "literal password",
            base.replace("password: env:ORDERS_PW", "password: hunter2-not-a-ref"),
            "hunter2-not-a-ref",
            "resources[0].connector.credentials.password"));
  }

  static Path newFile() {
    try {
      Path file = Files.createTempDirectory("continuity-inventory").resolve("inventory.yaml");
      return Files.writeString(file, BASE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line of the first line containing {@code text}. */
  static int lineOf(String content, String text) {
    List<String> lines = content.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + text);
  }
}
