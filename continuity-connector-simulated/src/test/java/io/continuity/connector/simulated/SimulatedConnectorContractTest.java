package io.continuity.connector.simulated;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.testkit.ConnectorContract;
import java.time.Duration;
import java.util.Optional;

class SimulatedConnectorContractTest extends ConnectorContract {

  private final String resourceId = Fixtures.newResourceId();

  @Override
  protected ConnectorFactory factory() {
    return new SimulatedConnectorFactory();
  }

  @Override
  protected ConnectorConfig healthyConfig() {
    return Fixtures.config(resourceId, "scenario", "steady", "probeLatency", "5ms");
  }

  @Override
  protected String configuredSecretValue() {
    return Fixtures.PASSWORD;
  }

  @Override
  protected Duration probeTimeout() {
    return Duration.ofSeconds(2);
  }

  @Override
  protected Optional<ConnectorConfig> limitedConfig() {
    return Optional.of(
        Fixtures.config(
            Fixtures.newResourceId(), "disabledCapabilities", "FAILBACK,DRILL,HEARTBEAT"));
  }
}
