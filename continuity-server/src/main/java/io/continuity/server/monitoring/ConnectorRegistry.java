package io.continuity.server.monitoring;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.ConnectorFactories;
import io.continuity.connector.api.ConnectorFactory;
import io.continuity.connector.api.HeartbeatSpec;
import io.continuity.connector.api.SecretResolver;
import io.continuity.connector.api.SiteEndpoint;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Site;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Connector} per resource, made from the resource's definition by the factory of its
 * platform and kept until the definition changes (then rebuilt) or the resource disappears (then
 * closed). A resource whose platform has no installed connector, or whose configuration the factory
 * refuses, gets an {@link ConnectorLookup.Unavailable} that says what to fix.
 */
final class ConnectorRegistry implements ResourceConnectors, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

  private final ConnectorFactories factories;
  private final SecretResolver secrets;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  ConnectorRegistry(ConnectorFactories factories, SecretResolver secrets) {
    this.factories = Objects.requireNonNull(factories, "factories");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** The connector for this definition of the resource, made or rebuilt when needed. */
  @Override
  public ConnectorLookup lookup(Resource resource) {
    Entry entry =
        entries.compute(
            resource.id(),
            (id, existing) -> {
              if (existing != null && existing.definition.equals(resource)) {
                if (existing.lookup instanceof ConnectorLookup.Available) {
                  return existing;
                }
              }
              if (existing != null) {
                existing.close();
              }
              return new Entry(resource, create(resource));
            });
    return entry.lookup;
  }

  /** Closes and forgets every connector whose resource id is not in {@code ids}. */
  void retainOnly(Set<String> ids) {
    for (String id : List.copyOf(entries.keySet())) {
      if (!ids.contains(id)) {
        Entry removed = entries.remove(id);
        if (removed != null) {
          removed.close();
        }
      }
    }
  }

  /** Resource ids with a cached connector (or a remembered failure). */
  Collection<String> resourceIds() {
    return Set.copyOf(entries.keySet());
  }

  @Override
  public void close() {
    retainOnly(Set.of());
  }

  private ConnectorLookup create(Resource resource) {
    Optional<ConnectorFactory> factory = factories.forPlatform(resource.platform());
    if (factory.isEmpty()) {
      return new ConnectorLookup.Unavailable(
          "no connector for platform "
              + resource.platform()
              + " installed: add the continuity-connector module of that platform to the server"
              + " (installed: "
              + factories.all().keySet()
              + ")");
    }
    try {
      return new ConnectorLookup.Available(factory.get().create(configOf(resource)));
    } catch (ConnectorException | RuntimeException e) {
      return new ConnectorLookup.Unavailable(
          "connector for platform "
              + resource.platform()
              + " refused the configuration of "
              + resource.id()
              + ": "
              + e.getMessage());
    }
  }

  /**
   * What the connector may know: sites with their connector settings ({@code connector.sites.<site
   * name>}), resource-wide settings, secret refs, and the inventory's heartbeat as a typed {@link
   * HeartbeatSpec} (table and interval), so a heartbeat declared once in the inventory is also the
   * one the connector writes, as often as the inventory says.
   */
  ConnectorConfig configOf(Resource resource) {
    List<SiteEndpoint> sites =
        List.of(endpoint(resource, resource.primarySite()), endpoint(resource, resource.drSite()));
    Map<String, String> settings = new LinkedHashMap<>(resource.connector().settings());
    return new ConnectorConfig(
        resource.id(),
        resource.platform(),
        sites,
        settings,
        resource.connector().secrets(),
        secrets,
        resource.heartbeat().map(h -> new HeartbeatSpec(h.table(), h.interval())));
  }

  private static SiteEndpoint endpoint(Resource resource, Site site) {
    return new SiteEndpoint(
        site.name(),
        site.role(),
        resource.connector().settingsFor(site.name()),
        resource.connector().membersOf(site.name()));
  }

  private record Entry(Resource definition, ConnectorLookup lookup) {
    void close() {
      if (lookup instanceof ConnectorLookup.Available available) {
        try {
          available.connector().close();
        } catch (RuntimeException e) {
          log.warn("closing the connector of {} failed: {}", definition.id(), e.getMessage());
        }
      }
    }
  }
}
