package io.continuity.server.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small valid inventory to break one line at a time, and a way to write it to a file. */
final class InventoryTestFiles {

  /** Line numbers matter: the error tests name them. */
  static final List<String> VALID =
      List.of(
          "resources:", // 1
          "  - id: orders-db", // 2
          "    name: Orders", // 3
          "    platform: postgresql", // 4
          "    tier: 1", // 5
          "    environment: production", // 6
          "    owner: dba@example.com", // 7
          "    sites:", // 8
          "      primary: { name: site-a }", // 9
          "      dr: { name: site-b }", // 10
          "    rpo: { target: 30s }", // 11
          "    connector:", // 12
          "      settings: { database: orders }", // 13
          "      credentials:", // 14
          "        password: env:PG_PASSWORD", // 15
          "groups:", // 16
          "  - id: checkout", // 17
          "    name: Checkout", // 18
          "    tier: 1", // 19
          "    members: [orders-db]"); // 20

  private InventoryTestFiles() {}

  static String valid() {
    return String.join("\n", VALID) + "\n";
  }

  /** The valid inventory with one line (1-based) replaced by the given text (may be lines). */
  static String withLine(int line, String replacement) {
    List<String> lines = new java.util.ArrayList<>(VALID);
    lines.set(line - 1, replacement);
    return String.join("\n", lines) + "\n";
  }

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
