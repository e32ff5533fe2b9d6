package io.continuity.connector.snowflake;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** Makes Snowflake connectors; found through {@code META-INF/services}. */
public final class SnowflakeConnectorFactory implements ConnectorFactory {

  private final Clock clock;

  public SnowflakeConnectorFactory() {
    this(Clock.systemUTC());
  }

  SnowflakeConnectorFactory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.SNOWFLAKE;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return EnumSet.of(
        Capability.MONITOR,
        Capability.REPLICATION_MARKER,
        Capability.SWITCHOVER,
        Capability.FAILOVER,
        Capability.FAILBACK,
        Capability.DRILL);
  }

  @Override
  public Connector create(ConnectorConfig config) throws ConnectorException {
    if (!Platform.SNOWFLAKE.equals(config.platform())) {
      throw ConnectorException.permanent(
          "the Snowflake connector cannot serve platform " + config.platform());
    }
    try {
      return new SnowflakeConnector(config, SnowflakeSettings.parse(config), clock);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          "resource "
              + config.resourceId()
              + ": "
              + config.sanitizer().sanitizeText(e.getMessage()));
    }
  }
}
