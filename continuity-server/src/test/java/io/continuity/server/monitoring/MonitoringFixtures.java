package io.continuity.server.monitoring;

import io.continuity.connector.api.Platform;
import io.continuity.connector.api.SiteRole;
import io.continuity.core.inventory.ConnectorRef;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.RpoPolicy;
import io.continuity.core.inventory.Site;
import io.continuity.core.inventory.Tier;
import io.continuity.server.inventory.Inventory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Resources and a mutable inventory for monitoring tests. */
final class MonitoringFixtures {

  private MonitoringFixtures() {}

  static Resource resource(String id, Platform platform, Map<String, String> settings) {
    return new Resource(
        id,
        id,
        platform,
        Tier.TIER_2,
        "test",
        "test@example.com",
        new Site("east", SiteRole.PRIMARY, Map.of()),
        new Site("west", SiteRole.DR, Map.of()),
        new ConnectorRef(Map.of(), settings, Map.of()),
        RpoPolicy.of(Duration.ofMinutes(2)),
        Optional.empty());
  }

  static Resource simulated(String id, String scenario) {
    return resource(id, Platform.SIMULATED, Map.of("scenario", scenario, "jitter", "0"));
  }

  /** An inventory the test can change while the scheduler reads it. */
  static final class MutableInventory implements Inventory {
    final List<Resource> resources = new CopyOnWriteArrayList<>();

    @Override
    public List<Resource> resources() {
      return List.copyOf(resources);
    }

    @Override
    public Optional<Resource> resource(String id) {
      return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<Group> groups() {
      return List.of();
    }

    @Override
    public Optional<Group> group(String id) {
      return Optional.empty();
    }

    @Override
    public String currentPrimarySite(String resourceId) {
      return resource(resourceId).orElseThrow(NoSuchElementException::new).primarySite().name();
    }
  }
}
