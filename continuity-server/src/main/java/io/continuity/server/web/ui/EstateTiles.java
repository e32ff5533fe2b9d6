package io.continuity.server.web.ui;

import io.continuity.core.inventory.Resource;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.report.DrillPolicy;
import io.continuity.server.report.ReadinessReport;
import io.continuity.server.web.api.EstateRead;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Builds the console's tiles (dashboard, lists, resource and group pages) from status reads. */
@Component
class EstateTiles {

  private final Inventory inventory;
  private final ExecutionDoubts doubts;
  private final DrillPolicy drills;

  EstateTiles(Inventory inventory, ExecutionDoubts doubts, DrillPolicy drills) {
    this.inventory = inventory;
    this.doubts = doubts;
    this.drills = drills;
  }

  /** Changes whenever a drill finding does: part of the entity tags of pages with tiles. */
  int drillVersion() {
    return drills.findings().hashCode();
  }

  /** The tiles of these resources, in this order, with their execution doubts. */
  List<Tile> resourceTiles(List<ResourceStatus> resources, EstateRead read) {
    return resources.stream()
        .map(s -> resourceTile(s, read.now(), read.doubtOf(s.resource().id())))
        .toList();
  }

  List<Tile> groupTiles(List<GroupStatus> groups, Instant now) {
    return groups.stream().map(g -> groupTile(g, now)).toList();
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
    return resourceTile(status, now, doubts.recentOf(status.resource().id()));
  }

  Tile resourceTile(ResourceStatus status, Instant now, Optional<ExecutionDoubt> doubt) {
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
        doubt.map(ExecutionDoubt::summary).orElse(""),
        drillNote(r.id()));
  }

  private String drillNote(String resourceId) {
    ReadinessReport.Finding f = drills.findings().get(resourceId);
    if (f == null) {
      return "";
    }
    return ("NEVER_DRILLED".equals(f.kind()) ? "Never drilled: " : "Drill overdue: ") + f.message();
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
        "",
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
