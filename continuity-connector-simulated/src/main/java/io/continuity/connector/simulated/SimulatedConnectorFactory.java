package io.continuity.connector.simulated;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.connector.api.SiteRole;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@link SimulatedConnector}s for platform {@code SIMULATED}. Registered through {@code
 * META-INF/services}; the no-argument constructor uses the system UTC clock, tests pass their own.
 */
public final class SimulatedConnectorFactory implements ConnectorFactory {

  private static final List<Capability> SUPPORTED =
      List.of(
          Capability.MONITOR,
          Capability.REPLICATION_MARKER,
          Capability.HEARTBEAT,
          Capability.SWITCHOVER,
          Capability.FAILOVER,
          Capability.FAILBACK,
          Capability.DRILL);

  private final Clock clock;

  public SimulatedConnectorFactory() {
    this(Clock.systemUTC());
  }

  public SimulatedConnectorFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Platform platform() {
    return Platform.SIMULATED;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Collections.unmodifiableSet(EnumSet.copyOf(SUPPORTED));
  }

  /**
   * @throws ConnectorException (not retriable) naming the setting or site to fix
   */
  @Override
  public Connector create(ConnectorConfig config) throws ConnectorException {
    if (!Platform.SIMULATED.equals(config.platform())) {
      throw ConnectorException.permanent(
          "resource "
              + config.resourceId()
              + " is on platform "
              + config.platform()
              + ", not SIMULATED");
    }
    long primaries = config.sites().stream().filter(s -> s.role() == SiteRole.PRIMARY).count();
    if (config.sites().size() != 2 || primaries != 1) {
      throw ConnectorException.permanent(
          "the simulated connector models one primary and one DR site: configure exactly two"
              + " sites of resource "
              + config.resourceId()
              + ", one with role PRIMARY and one with role DR");
    }
    String primary = siteName(config, true);
    String dr = siteName(config, false);
    SimulationSettings settings;
    try {
      settings = SimulationSettings.parse(config.settings(), primary, dr);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          "resource " + config.resourceId() + ": " + e.getMessage(), null);
    }
    SimulatedTopology topology = SimulatedPlatform.attach(config.resourceId(), primary, dr, clock);
    return new SimulatedConnector(config, settings, topology, clock, SUPPORTED);
  }

  static String siteName(ConnectorConfig config, boolean primary) {
    return config.sites().stream()
        .filter(s -> (s.role() == SiteRole.PRIMARY) == primary)
        .map(SiteEndpoint::name)
        .findFirst()
        .orElseThrow();
  }
}
