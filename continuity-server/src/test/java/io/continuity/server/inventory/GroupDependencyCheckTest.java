package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam where the core Group's cycle detection plugs in: whatever it reports is located at the
 * {@code dependsOn} entry and refuses the inventory.
 */
class GroupDependencyCheckTest {

  private static final String YAML =
      String.join("\n", InventoryTestFiles.VALID.subList(0, 15))
          + "\n"
          + "  - id: payments-db\n" // 16
          + "    name: Payments\n"
          + "    platform: simulated\n"
          + "    tier: 1\n"
          + "    environment: production\n" // 20
          + "    owner: dba@example.com\n"
          + "    sites: { primary: a, dr: b }\n"
          + "    rpo: { target: 30s }\n"
          + "groups:\n"
          + "  - id: checkout\n" // 25
          + "    name: Checkout\n"
          + "    tier: 1\n"
          + "    members: [orders-db, payments-db]\n"
          + "    dependsOn:\n"
          + "      orders-db: [payments-db]\n" // 30
          + "      payments-db: orders-db\n"; // 31

  @Test
  void dependencyCycleIsRefusedWithTheCycleNamedAtTheDependsOnLine() {
    InventoryParseResult result =
        new InventoryParser().parseSources(List.of(new InventorySource("x.yaml", YAML)));

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors()).hasSize(1);
    InventoryError error = result.errors().get(0);
    assertThat(error.file()).isEqualTo("x.yaml");
    assertThat(error.line()).isEqualTo(30);
    assertThat(error.fieldPath()).isEqualTo("groups[0].dependsOn.orders-db");
    assertThat(error.message()).contains("orders-db -> payments-db -> orders-db");
  }

  @Test
  void dependsOnEntriesKeepTheirLocationsForTheCycleCheck() {
    GroupSpec checkout =
        new InventoryParser(spec -> List.of())
            .parseSources(List.of(new InventorySource("x.yaml", YAML)))
            .orElseThrow()
            .group("checkout")
            .orElseThrow();

    assertThat(checkout.dependsOn())
        .containsEntry("orders-db", List.of("payments-db"))
        .containsEntry("payments-db", List.of("orders-db"));
    assertThat(checkout.locationOf("payments-db"))
        .isEqualTo(new SourceLocation("x.yaml", 31, "groups[0].dependsOn.payments-db"));
    assertThat(checkout.location().line()).isEqualTo(25);
  }

  @Test
  void specTurnsIntoTheCoreGroupWithItsDependencyWaves() {
    String acyclic = YAML.substring(0, YAML.lastIndexOf("      payments-db: orders-db"));
    GroupSpec checkout =
        new InventoryParser()
            .parseSources(List.of(new InventorySource("x.yaml", acyclic)))
            .orElseThrow()
            .group("checkout")
            .orElseThrow();

    assertThat(checkout.toGroup().waves())
        .containsExactly(List.of("payments-db"), List.of("orders-db"));
  }

  @Test
  void errorsFromTheCheckRefuseTheInventoryAtTheEntry() {
    GroupDependencyCheck cycleFound =
        spec ->
            List.of(
                spec.locationOf("payments-db")
                    .error("dependency cycle: payments-db -> orders-db -> payments-db"));

    InventoryParseResult result =
        new InventoryParser(cycleFound).parseSources(List.of(new InventorySource("x.yaml", YAML)));

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .extracting(InventoryError::toString)
        .containsExactly(
            "x.yaml:31: groups[0].dependsOn.payments-db: dependency cycle: payments-db ->"
                + " orders-db -> payments-db");
  }
}
