package io.continuity.connector.mongodb;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import java.util.EnumSet;
import java.util.Set;

/** Makes MongoDB replica-set connectors; found through ServiceLoader. */
public final class MongoConnectorFactory implements ConnectorFactory {

  @Override
  public Platform platform() {
    return Platform.MONGODB;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return EnumSet.of(
        Capability.MONITOR,
        Capability.REPLICATION_MARKER,
        Capability.HEARTBEAT,
        Capability.SWITCHOVER,
        Capability.FAILOVER,
        Capability.FENCE,
        Capability.DRILL,
        Capability.FAILBACK,
        Capability.REJOIN);
  }

  @Override
  public Connector create(ConnectorConfig config) throws ConnectorException {
    if (!config.platform().equals(Platform.MONGODB)) {
      throw ConnectorException.permanent(
          "the MongoDB connector cannot serve platform " + config.platform());
    }
    MongoSettings settings = MongoSettings.parse(config);
    try {
      return new MongoConnector(settings);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          "MongoDB resource " + config.resourceId() + ": " + e.getMessage());
    }
  }
}
