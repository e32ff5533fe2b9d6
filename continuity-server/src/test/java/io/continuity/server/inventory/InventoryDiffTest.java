package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryDiffTest {

  private final InventoryParser parser = new InventoryParser();

  private InventoryDocument parse(String yaml) {
    return parser.parseSources(List.of(new InventorySource("inventory.yaml", yaml))).orElseThrow();
  }

  private static String resource(String id, String target) {
    return String.join(
            "\n",
            "  - id: " + id,
            "    name: " + id,
            "    platform: simulated",
            "    tier: 2",
            "    environment: test",
            "    owner: dba@example.com",
            "    sites: { primary: a, dr: b }",
            "    rpo: { target: " + target + " }")
        + "\n";
  }

  @Test
  void reportsAddedChangedAndRemovedResources() {
    InventoryDocument current =
        parse(
            "resources:\n"
                + resource("kept", "30s")
                + resource("tuned", "30s")
                + resource("gone", "1m"));
    InventoryDocument next =
        parse(
            "resources:\n"
                + resource("kept", "30s")
                + resource("tuned", "45s")
                + resource("fresh", "1m"));

    InventoryDiff diff = InventoryDiff.between(current, next);

    assertThat(diff.addedResources()).containsExactly("fresh");
    assertThat(diff.changedResources()).containsExactly("tuned");
    assertThat(diff.removedResources()).containsExactly("gone");
    assertThat(diff.isEmpty()).isFalse();
  }

  @Test
  void reportsAddedChangedAndRemovedGroups() {
    String resources = "resources:\n" + resource("a-db", "30s") + resource("b-db", "30s");
    InventoryDocument current =
        parse(
            resources
                + "groups:\n"
                + "  - { id: same, name: Same, tier: 2, members: [a-db, b-db] }\n"
                + "  - { id: reordered, name: R, tier: 2, members: [a-db, b-db] }\n"
                + "  - { id: old, name: Old, tier: 2, members: [a-db] }\n");
    InventoryDocument next =
        parse(
            resources
                + "\n# moved down a line\n"
                + "groups:\n"
                + "  - { id: same, name: Same, tier: 2, members: [a-db, b-db],"
                + " dependsOn: { a-db: [b-db] } }\n"
                + "  - { id: reordered, name: R, tier: 2, members: [b-db, a-db] }\n"
                + "  - { id: new, name: New, tier: 2, members: [b-db] }\n");

    InventoryDiff diff = InventoryDiff.between(current, next);

    assertThat(diff.addedGroups()).containsExactly("new");
    assertThat(diff.changedGroups()).containsExactly("same");
    assertThat(diff.removedGroups()).containsExactly("old");
    assertThat(diff.addedResources()).isEmpty();
    assertThat(diff.changedResources()).isEmpty();
  }

  @Test
  void identicalInventoriesHaveAnEmptyDiffEvenWhenLinesMoved() {
    String yaml =
        "resources:\n"
            + resource("a-db", "30s")
            + "groups:\n  - { id: g, name: G, tier: 2, members: [a-db] }\n";

    InventoryDiff diff = InventoryDiff.between(parse(yaml), parse("\n\n# comment\n" + yaml));

    assertThat(diff.isEmpty()).isTrue();
  }
}
