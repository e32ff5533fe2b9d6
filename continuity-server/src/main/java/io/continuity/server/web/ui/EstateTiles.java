package io.continuity.server.web.ui;

import io.continuity.core.inventory.Resource;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Builds the dashboard's tiles from one consistent read of the monitoring status. */
@Component
class EstateTiles {

  private final MonitoringStatus monitoring;
  private final Inventory inventory;
  private final Clock clock;
  private final ExecutionDoubts doubts;

  EstateTiles(
      MonitoringStatus monitoring, Inventory inventory, Clock clock, ExecutionDoubts doubts) {
    this.monitoring = monitoring;
    this.inventory = inventory;
    this.clock = clock;
    this.doubts = doubts;
  }

  /** Groups first, then resources, each filtered. */
  List<Tile> tiles(EstateFilter filter) {
    Instant now = clock.instant();
    List<ResourceStatus> resources = monitoring.resources();
    Map<String, ResourceStatus> byId =
        resources.stream()
            .collect(Collectors.toMap(s -> s.resource().id(), Function.identity(), (a, b) -> a));
    List<Tile> tiles = new ArrayList<>();
    Map<String, ExecutionDoubt> inDoubt = doubts.all();
    for (GroupStatus group : monitoring.groups(resources)) {
      boolean anyMemberFits =
          group.group().members().stream()
              .map(byId::get)
              .anyMatch(
                  s ->
                      s != null
                          && filter.acceptsResource(
                              s.resource().platform().name(), s.resource().environment()));
      Tile tile = groupTile(group, now);
      if (anyMemberFits && filter.accepts(tile)) {
        tiles.add(tile);
      }
    }
    for (ResourceStatus status : resources) {
      Resource r = status.resource();
      Tile tile = resourceTile(status, now, Optional.ofNullable(inDoubt.get(r.id())));
      if (filter.acceptsResource(r.platform().name(), r.environment()) && filter.accepts(tile)) {
        tiles.add(tile);
      }
    }
    return tiles;
  }

  /** The distinct platforms and environments, for the filter form's choices. */
  List<String> platforms() {
    return inventory.resources().stream()
        .map(r -> r.platform().name())
        .distinct()
        .sorted()
        .toList();
  }

  List<String> environments() {
    return inventory.resources().stream().map(Resource::environment).distinct().sorted().toList();
  }

  /** The tile of one resource, with the doubt about its last execution if any. */
  Tile resourceTile(ResourceStatus status, Instant now) {
    return resourceTile(status, now, doubts.of(status.resource().id()));
  }

  private Tile resourceTile(ResourceStatus status, Instant now, Optional<ExecutionDoubt> doubt) {
    Resource r = status.resource();
    StatusOutcome outcome = status.outcome();
    String primary = currentPrimary(r);
    List<Tile.SiteMark> sites =
        List.of(
            new Tile.SiteMark(r.primarySite().name(), r.primarySite().name().equals(primary)),
            new Tile.SiteMark(r.drSite().name(), r.drSite().name().equals(primary)));
    String lag =
        status
            .lagTime()
            .map(t -> "lag " + Ages.span(t))
            .orElse(
                status.lagBytes().isPresent()
                    ? "lag " + status.lagBytes().getAsLong() + " bytes"
                    : "lag unknown");
    return new Tile(
        "resource",
        r.id(),
        r.name(),
        "/resources/" + r.id(),
        outcome.status().name(),
        StatusLook.of(outcome),
        lastKnown(outcome, now),
        outcome.primaryReason().message(),
        r.tier().number(),
        r.platform().name(),
        r.environment(),
        sites,
        lag + " of RPO " + Ages.span(r.rpo().target()),
        Ages.ago(outcome.freshness().observedAt(), now),
        doubt.map(ExecutionDoubt::summary).orElse(""));
  }

  Tile groupTile(GroupStatus group, Instant now) {
    StatusOutcome outcome = group.outcome();
    return new Tile(
        "group",
        group.group().id(),
        group.group().name(),
        "/groups/" + group.group().id(),
        outcome.status().name(),
        StatusLook.ofGroup(outcome),
        lastKnown(outcome, now),
        outcome.primaryReason().message(),
        group.group().tier().number(),
        group.group().members().size() + " members",
        "",
        List.of(),
        "",
        Ages.ago(outcome.freshness().observedAt(), now),
        "");
  }

  /** "LAST KNOWN: GREEN · 2 min ago" while visibility is lost; "" while visible. */
  static String lastKnown(StatusOutcome outcome, Instant now) {
    if (outcome.isVisible()) {
      return "";
    }
    if (outcome.lastKnownStatus().isEmpty()) {
      return "LAST KNOWN: nothing · no evidence yet";
    }
    return "LAST KNOWN: "
        + outcome.lastKnownStatus().get().name()
        + " · "
        + Ages.ago(outcome.lastKnownAt(), now);
  }

  private String currentPrimary(Resource r) {
    try {
      return inventory.currentPrimarySite(r.id());
    } catch (NoSuchElementException e) {
      return r.primarySite().name();
    }
  }
}
