package io.continuity.server.monitoring;

import io.continuity.connector.api.Connector;

/**
 * The connector of one resource, or why there is none (no connector installed for its platform, or
 * its configuration was refused). A resource without a connector is observed as a failure, never as
 * healthy.
 */
public sealed interface ConnectorLookup {

  /** A connector ready to probe. */
  record Available(Connector connector) implements ConnectorLookup {}

  /** No connector: {@code reason} says what to install or fix. */
  record Unavailable(String reason) implements ConnectorLookup {}
}
