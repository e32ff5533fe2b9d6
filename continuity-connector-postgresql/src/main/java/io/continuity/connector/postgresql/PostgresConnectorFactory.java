package io.continuity.connector.postgresql;

import io.continuity.connector.api.Capability;
import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.Platform;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@link PostgresConnector}s for platform {@code POSTGRESQL} (streaming replication, one
 * primary and one standby). Registered through {@code META-INF/services}.
 */
public final class PostgresConnectorFactory implements ConnectorFactory {

  private final Clock clock;

  public PostgresConnectorFactory() {
    this(Clock.systemUTC());
  }

  public PostgresConnectorFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Platform platform() {
    return Platform.POSTGRESQL;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
  }

  /**
   * @throws ConnectorException (not retriable) naming the setting or site to fix
   */
  @Override
  public Connector create(ConnectorConfig config) throws ConnectorException {
    if (!Platform.POSTGRESQL.equals(config.platform())) {
      throw ConnectorException.permanent(
          "resource "
              + config.resourceId()
              + " is on platform "
              + config.platform()
              + ", not POSTGRESQL");
    }
    PostgresSettings settings;
    try {
      settings = PostgresSettings.parse(config);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.permanent(
          "resource " + config.resourceId() + ": " + e.getMessage(), null);
    }
    if (settings.user().isEmpty() && !config.secrets().containsKey("username")) {
      throw ConnectorException.permanent(
          "resource "
              + config.resourceId()
              + " needs a 'user' setting or a 'username' credential reference");
    }
    return new PostgresConnector(config, settings, clock);
  }
}
