package io.continuity.server.web.api;

import io.continuity.connector.api.Platform;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Tier;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.inventory.InventoryHistory;
import io.continuity.server.inventory.InventoryParser;
import io.continuity.server.inventory.RemovedResource;
import io.continuity.server.inventory.Revision;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The protected resources of the inventory. Any Continuity role may read them. */
@RestController
@RequestMapping("/api/v1/resources")
@Tag(name = "Inventory", description = "Resources, groups and the inventory files")
public class ResourcesController {

  private final Inventory inventory;
  private final InventoryHistory history;

  public ResourcesController(Inventory inventory, InventoryHistory history) {
    this.inventory = inventory;
    this.history = history;
  }

  @Operation(summary = "List resources, optionally filtered (filters combine with AND)")
  @GetMapping
  public List<ResourceResponse> list(
      @Parameter(description = "1 or 2") @RequestParam(required = false) String tier,
      @Parameter(description = "e.g. postgresql (case-insensitive)") @RequestParam(required = false)
          String platform,
      @Parameter(description = "exact environment, case-insensitive")
          @RequestParam(required = false)
          String environment,
      @Parameter(description = "also list removed resources, with removedAt")
          @RequestParam(defaultValue = "false")
          boolean includeRemoved) {
    Predicate<Resource> filter = filter(tier, platform, environment);
    List<Group> groups = inventory.groups();
    List<ResourceResponse> result = new ArrayList<>();
    for (Resource r : inventory.resources()) {
      if (filter.test(r)) {
        result.add(
            ResourceResponse.of(
                r, inventory.currentPrimarySite(r.id()), groupsOf(r.id(), groups), false, null));
      }
    }
    if (includeRemoved) {
      for (RemovedResource removed : history.removedResources()) {
        if (filter.test(removed.resource())) {
          result.add(
              ResourceResponse.of(
                  removed.resource(),
                  removed.lastPrimarySite(),
                  List.of(),
                  false,
                  removed.removedAt()));
        }
      }
      result.sort(Comparator.comparing(ResourceResponse::id));
    }
    return result;
  }

  @Operation(summary = "One resource with its connector settings (secret references only)")
  @GetMapping("/{id}")
  public ResourceResponse get(
      @PathVariable String id,
      @Parameter(description = "also find a removed resource") @RequestParam(defaultValue = "false")
          boolean includeRemoved) {
    Optional<Resource> resource = inventory.resource(id);
    if (resource.isPresent()) {
      return ResourceResponse.of(
          resource.get(),
          inventory.currentPrimarySite(id),
          groupsOf(id, inventory.groups()),
          true,
          null);
    }
    return history.removedResources().stream()
        .filter(r -> includeRemoved && r.resource().id().equals(id))
        .findFirst()
        .map(
            r ->
                ResourceResponse.of(
                    r.resource(), r.lastPrimarySite(), List.of(), true, r.removedAt()))
        .orElseThrow(() -> new NotFoundException("resource", id));
  }

  @Operation(summary = "Every definition the resource had, oldest first (kept after removal)")
  @GetMapping("/{id}/revisions")
  public List<RevisionResponse> revisions(@PathVariable String id) {
    List<Revision> revisions = history.resourceRevisions(id);
    if (revisions.isEmpty()) {
      throw new NotFoundException("resource", id);
    }
    return revisions.stream().map(RevisionResponse::of).toList();
  }

  private static List<String> groupsOf(String resourceId, List<Group> groups) {
    return groups.stream().filter(g -> g.contains(resourceId)).map(Group::id).toList();
  }

  private static Predicate<Resource> filter(String tier, String platform, String environment) {
    Predicate<Resource> filter = r -> true;
    if (tier != null) {
      Tier wanted = tier(tier);
      filter = filter.and(r -> r.tier() == wanted);
    }
    if (platform != null) {
      Platform wanted = platform(platform);
      filter = filter.and(r -> r.platform().equals(wanted));
    }
    if (environment != null) {
      filter = filter.and(r -> r.environment().equalsIgnoreCase(environment.trim()));
    }
    return filter;
  }

  private static Tier tier(String text) {
    try {
      return Tier.of(Integer.parseInt(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("tier", "parameter 'tier' must be 1 or 2, not '" + text + "'.");
    }
  }

  private static Platform platform(String text) {
    List<Platform> known = InventoryParser.knownPlatforms();
    return known.stream()
        .filter(p -> p.name().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new BadRequestException(
                    "platform",
                    "parameter 'platform' must be one of "
                        + known.stream()
                            .map(p -> p.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))
                        + ", not '"
                        + text
                        + "'."));
  }
}
