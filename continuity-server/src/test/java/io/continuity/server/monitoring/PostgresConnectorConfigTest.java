package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.HeartbeatSpec;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.InventoryParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inventory resource on platform postgresql becomes the configuration the installed PostgreSQL
 * connector expects: site endpoints and host actions from {@code connector.sites.<site>}, resource
 * settings, credential references, and the inventory's heartbeat table.
 */
class PostgresConnectorConfigTest {

  static final String INVENTORY =
      """
      resources:
        - id: pg-config
          name: PostgreSQL pair
          platform: postgresql
          tier: 1
          environment: test
          owner: test@example.com
          sites: { primary: east, dr: west }
          rpo: { target: 30s }
          heartbeat: { table: continuity.heartbeat, interval: 5s, staleAfter: 30s }
          connector:
            settings: { user: postgres, database: app, connectTimeout: 2s }
            sites:
              east:
                host: 127.0.0.1
                port: "5433"
                action.stop: sh /tmp/lab/east-stop.sh
                action.fence: sh /tmp/lab/east-fence.sh
                action.rejoin: sh /tmp/lab/east-rejoin.sh
              west:
                host: 127.0.0.1
                port: "5434"
                action.clone: sh /tmp/lab/west-clone.sh
                action.discard-clone: sh /tmp/lab/west-discard-clone.sh
            credentials:
              password: env:PG_CONFIG_TEST_PASSWORD
      """;

  final ConnectorRegistry registry =
      new ConnectorRegistry(
          ConnectorFactories.load(getClass().getClassLoader()),
          new EnvironmentSecretResolver(Map.of("PG_CONFIG_TEST_PASSWORD", "not-used")));

  @Test
  void anInventoryPostgresResourceBecomesTheConfigTheInstalledConnectorAccepts(@TempDir Path dir)
      throws IOException {
    Resource resource = parse(dir);

    ConnectorConfig config = registry.configOf(resource);
    ConnectorLookup lookup = registry.lookup(resource);

    assertThat(config.platform()).isEqualTo(Platform.POSTGRESQL);
    assertThat(config.siteWithRole(SiteRole.PRIMARY).orElseThrow().settings())
        .containsEntry("host", "127.0.0.1")
        .containsEntry("port", "5433")
        .containsEntry("action.fence", "sh /tmp/lab/east-fence.sh");
    assertThat(config.settings())
        .containsEntry("user", "postgres")
        .containsEntry("database", "app");
    assertThat(config.heartbeat())
        .as("the inventory's heartbeat reaches the connector typed, with its interval")
        .contains(new HeartbeatSpec("continuity.heartbeat", Duration.ofSeconds(5)));
    assertThat(config.secrets()).containsKey("password");
    assertThat(lookup)
        .as("the PostgreSQL connector accepts it: %s", lookup)
        .isInstanceOf(ConnectorLookup.Available.class);
    Connector connector = ((ConnectorLookup.Available) lookup).connector();
    assertThat(connector.capabilities().available())
        .contains(
            Capability.MONITOR,
            Capability.HEARTBEAT,
            Capability.SWITCHOVER,
            Capability.FAILOVER,
            Capability.REJOIN,
            Capability.DRILL);
    registry.close();
  }

  @Test
  void aHeartbeatTableInTheConnectorSettingsWins(@TempDir Path dir) throws IOException {
    Resource resource = parse(dir);
    Map<String, String> settings = new java.util.HashMap<>(resource.connector().settings());
    settings.put("heartbeatTable", "ops.beat");
    Resource own =
        new Resource(
            resource.id(),
            resource.name(),
            resource.platform(),
            resource.tier(),
            resource.environment(),
            resource.owner(),
            resource.primarySite(),
            resource.drSite(),
            new io.continuity.core.inventory.ConnectorRef(
                resource.connector().siteSettings(), settings, resource.connector().secrets()),
            resource.rpo(),
            resource.heartbeat());

    ConnectorConfig config = registry.configOf(own);
    assertThat(config.settings()).containsEntry("heartbeatTable", "ops.beat");
    assertThat(registry.lookup(own)).isInstanceOf(ConnectorLookup.Available.class);
  }

  private static Resource parse(Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    return new InventoryParser().parse(List.of(file)).orElseThrow().resource("pg-config").get();
  }
}
