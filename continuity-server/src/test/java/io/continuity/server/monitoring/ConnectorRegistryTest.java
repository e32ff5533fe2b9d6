package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Capabilities;
import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.EnvironmentSecretResolver;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import io.continuity.core.inventory.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

  final CountingFactory factory = new CountingFactory();
  final ConnectorRegistry registry =
      new ConnectorRegistry(
          ConnectorFactories.of(factory), new EnvironmentSecretResolver(Map.of()));

  @Test
  void aPlatformWithoutConnectorIsUnavailableNamingThePlatform() {
    Resource mongo = MonitoringFixtures.resource("m", Platform.MONGODB, Map.of());

    ConnectorLookup lookup = registry.lookup(mongo);

    assertThat(lookup).isInstanceOf(ConnectorLookup.Unavailable.class);
    assertThat(((ConnectorLookup.Unavailable) lookup).reason())
        .contains("no connector for platform MONGODB installed");
  }

  @Test
  void oneConnectorPerResourceIsReusedUntilTheDefinitionChanges() {
    Resource v1 = MonitoringFixtures.simulated("r", "steady");
    Resource v2 = MonitoringFixtures.simulated("r", "lagging");

    Connector first = available(registry.lookup(v1));
    Connector again = available(registry.lookup(v1));
    Connector rebuilt = available(registry.lookup(v2));

    assertThat(again).isSameAs(first);
    assertThat(rebuilt).isNotSameAs(first);
    assertThat(factory.configs).hasSize(2);
    assertThat(factory.configs.get(1).settings()).containsEntry("scenario", "lagging");
    assertThat(factory.closed).containsExactly(first);
  }

  @Test
  void connectorConfigCarriesSitesWithRolesAndSiteSettings() {
    Resource resource = MonitoringFixtures.simulated("cfg", "steady");

    ConnectorConfig config = registry.configOf(resource);

    assertThat(config.sites()).extracting(s -> s.name()).containsExactly("east", "west");
    assertThat(config.siteWithRole(io.continuity.connector.api.SiteRole.DR).orElseThrow().name())
        .isEqualTo("west");
    assertThat(config.platform()).isEqualTo(Platform.SIMULATED);
  }

  @Test
  void removedResourcesHaveTheirConnectorClosed() {
    Connector kept = available(registry.lookup(MonitoringFixtures.simulated("keep", "steady")));
    Connector gone = available(registry.lookup(MonitoringFixtures.simulated("gone", "steady")));

    registry.retainOnly(Set.of("keep"));

    assertThat(factory.closed).containsExactly(gone).doesNotContain(kept);
    assertThat(registry.resourceIds()).containsExactly("keep");
  }

  @Test
  void aRefusedConfigurationIsUnavailableWithTheFactoryMessage() {
    factory.refuse = true;

    ConnectorLookup lookup = registry.lookup(MonitoringFixtures.simulated("bad", "steady"));

    assertThat(((ConnectorLookup.Unavailable) lookup).reason())
        .contains("refused the configuration of bad")
        .contains("set 'host'");
  }

  private static Connector available(ConnectorLookup lookup) {
    assertThat(lookup).isInstanceOf(ConnectorLookup.Available.class);
    return ((ConnectorLookup.Available) lookup).connector();
  }

  /** Makes do-nothing SIMULATED connectors and remembers configs and closes. */
  static final class CountingFactory implements ConnectorFactory {
    final List<ConnectorConfig> configs = new ArrayList<>();
    final List<Connector> closed = new ArrayList<>();
    boolean refuse;

    @Override
    public Platform platform() {
      return Platform.SIMULATED;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      return Set.of(Capability.MONITOR);
    }

    @Override
    public Connector create(ConnectorConfig config) throws ConnectorException {
      if (refuse) {
        throw ConnectorException.permanent("set 'host' for site east");
      }
      configs.add(config);
      return new Connector() {
        @Override
        public Capabilities capabilities() {
          throw new UnsupportedOperationException();
        }

        @Override
        public ProbeResult probe(Duration timeout) {
          throw new UnsupportedOperationException();
        }

        @Override
        public OperationPlan plan(OperationRequest request) {
          throw new UnsupportedOperationException();
        }

        @Override
        public StepResult execute(PlanStep step, StepContext context, Duration timeout) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
          closed.add(this);
        }
      };
    }
  }
}
