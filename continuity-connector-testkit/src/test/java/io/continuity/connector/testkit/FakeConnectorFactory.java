package io.continuity.connector.testkit;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import java.util.EnumSet;
import java.util.Set;

/** A factory of fake connectors that keep the contract, or break it in one chosen way. */
public class FakeConnectorFactory implements ConnectorFactory {

  static final Platform PLATFORM = new Platform("CONTRACT_FAKE");

  private final Defect defect;

  /** The registered, well-behaved factory. */
  public FakeConnectorFactory() {
    this(null);
  }

  FakeConnectorFactory(Defect defect) {
    this.defect = defect;
  }

  @Override
  public Platform platform() {
    return defect == Defect.UNREGISTERED ? new Platform("CONTRACT_UNREGISTERED") : PLATFORM;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return EnumSet.of(
        Capability.MONITOR,
        Capability.REPLICATION_MARKER,
        Capability.SWITCHOVER,
        Capability.FAILOVER);
  }

  @Override
  public Connector create(ConnectorConfig config) {
    return new FakeConnector(config, defect);
  }
}
