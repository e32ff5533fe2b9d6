package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Makes SQL Server availability-group connectors over Microsoft's mssql-jdbc driver; found by
 * {@link java.util.ServiceLoader}.
 */
public final class SqlServerConnectorFactory implements ConnectorFactory {

  private final BiFunction<ConnectorConfig, AgSettings, AgSessions> sessions;
  private final Clock clock;

  /** The production factory: mssql-jdbc sessions. */
  public SqlServerConnectorFactory() {
    this(JdbcAgSessions::new, Clock.systemUTC());
  }

  /** A factory over other sessions (the test simulator). */
  SqlServerConnectorFactory(
      BiFunction<ConnectorConfig, AgSettings, AgSessions> sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.SQLSERVER;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return EnumSet.of(
        Capability.MONITOR,
        Capability.REPLICATION_MARKER,
        Capability.SWITCHOVER,
        Capability.FAILOVER,
        Capability.FAILBACK,
        Capability.DRILL,
        Capability.FENCE);
  }

  @Override
  public Connector create(ConnectorConfig config) throws ConnectorException {
    if (!config.platform().equals(Platform.SQLSERVER)) {
      throw ConnectorException.permanent(
          "this factory makes SQLSERVER connectors, not " + config.platform().name());
    }
    AgSettings settings;
    try {
      settings = AgSettings.parse(config);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          config.resourceId() + ": " + config.sanitizer().sanitizeText(e.getMessage()), null);
    }
    return new SqlServerConnector(config, settings, sessions.apply(config, settings), clock);
  }
}
