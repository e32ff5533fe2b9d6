package io.continuity.connector.api;

import java.util.Set;

/**
 * Makes connectors for one platform. Implementations are found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.continuity.connector.api.ConnectorFactory}.
 */
public interface ConnectorFactory {

  Platform platform();

  /**
   * Everything this connector can do with the most capable configuration; a configured connector
   * reports what it can do for its own configuration in {@link Connector#capabilities()}.
   */
  Set<Capability> supportedCapabilities();

  /**
   * Makes a connector for one resource.
   *
   * @throws ConnectorException (not retriable) when the configuration is invalid; the message says
   *     which setting to fix
   */
  Connector create(ConnectorConfig config) throws ConnectorException;
}
