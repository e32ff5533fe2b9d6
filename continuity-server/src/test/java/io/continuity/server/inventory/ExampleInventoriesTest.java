package io.continuity.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SecretRef;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The shipped examples are documentation: they must stay valid and mean what they say. */
class ExampleInventoriesTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  private final InventoryParser parser = new InventoryParser();

  @Test
  void referenceInventoryParsesWithoutErrorAndCoversEveryRealPlatform() {
    InventoryParseResult result = parser.parse(List.of(EXAMPLES.resolve("inventory.yaml")));

    assertThat(result.errors()).isEmpty();
    InventoryDocument inventory = result.orElseThrow();
    assertThat(inventory.resources())
        .extracting(Resource::platform)
        .contains(Platform.POSTGRESQL, Platform.MONGODB, Platform.SQLSERVER, Platform.SNOWFLAKE);
    assertThat(inventory.resources()).extracting(Resource::tier).contains(Tier.TIER_1, Tier.TIER_2);
    assertThat(inventory.groups())
        .extracting(GroupSpec::id)
        .containsExactly("checkout", "reporting");
    assertThat(inventory.group("checkout").orElseThrow().dependenciesOf("orders-db"))
        .containsExactly("payments-db");
  }

  @Test
  void referenceInventoryReadsUnitsSitesAndCredentialReferences() {
    Resource orders =
        parser
            .parse(List.of(EXAMPLES.resolve("inventory.yaml")))
            .orElseThrow()
            .resource("orders-db")
            .orElseThrow();

    assertThat(orders.rpo().target()).isEqualTo(Duration.ofSeconds(30));
    assertThat(orders.rpo().warn()).isEqualTo(Duration.ofSeconds(10));
    assertThat(orders.rpo().warnBytes()).isEqualTo(OptionalLong.of(16_000_000));
    assertThat(orders.primarySite().name()).isEqualTo("eu-west-1a");
    assertThat(orders.drSite().metadata()).containsEntry("region", "eu-central-1");
    assertThat(orders.connector().settingsFor("eu-central-1b")).containsEntry("port", "5432");
    assertThat(orders.connector().secrets())
        .containsEntry("password", new SecretRef(SecretRef.Source.FILE, "/run/secrets/orders-pg"));
    assertThat(orders.heartbeat())
        .hasValueSatisfying(h -> assertThat(h.table()).isEqualTo("continuity.heartbeat"));
  }

  @Test
  void demoInventoryIsSimulatedWithAScenarioPerResource() {
    InventoryParseResult result = parser.parse(List.of(EXAMPLES.resolve("demo-inventory.yaml")));

    assertThat(result.errors()).isEmpty();
    InventoryDocument demo = result.orElseThrow();
    assertThat(demo.resources()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(demo.resources()).extracting(Resource::platform).containsOnly(Platform.SIMULATED);
    assertThat(demo.resources())
        .extracting(r -> r.connector().settings().get("scenario"))
        .containsAnyOf("steady")
        .contains("lagging", "over-rpo", "broken", "unreachable")
        .doesNotContainNull();
    assertThat(demo.resources()).extracting(Resource::tier).contains(Tier.TIER_1, Tier.TIER_2);
    assertThat(demo.groups()).hasSize(2);
  }

  @Test
  void bothExamplesLoadTogetherAsOneInventory() {
    InventoryParseResult result =
        parser.parse(
            List.of(EXAMPLES.resolve("inventory.yaml"), EXAMPLES.resolve("demo-inventory.yaml")));

    assertThat(result.errors()).isEmpty();
    assertThat(result.orElseThrow().groups()).hasSize(4);
  }
}
