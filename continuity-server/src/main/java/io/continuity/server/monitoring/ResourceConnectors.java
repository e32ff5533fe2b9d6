package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;

/**
 * The connector of each resource, shared by monitoring (probes) and the execution engine (plans and
 * steps), so one resource has one connector whatever uses it.
 */
public interface ResourceConnectors {

  /** The connector for this definition of the resource, or why there is none. */
  ConnectorLookup lookup(Resource resource);
}
