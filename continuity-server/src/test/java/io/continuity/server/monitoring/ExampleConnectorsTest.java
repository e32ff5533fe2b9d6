package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.ExampleResources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference inventory is documentation an operator copies: every resource in it must be a
 * configuration its platform's installed connector accepts (nothing connects here).
 */
class ExampleConnectorsTest {

  @Test
  void everyExampleResourceIsAConfigurationItsConnectorAccepts() {
    ConnectorRegistry registry =
        new ConnectorRegistry(
            ConnectorFactories.load(getClass().getClassLoader()),
            new EnvironmentSecretResolver(Map.of()));
    try {
      java.util.List<String> refused = new java.util.ArrayList<>();
      for (Resource resource : ExampleResources.reference()) {
        if (registry.lookup(resource) instanceof ConnectorLookup.Unavailable u) {
          refused.add(u.reason());
        }
      }
      assertThat(refused).as("example resources their connector refuses").isEmpty();
    } finally {
      registry.close();
    }
  }
}
