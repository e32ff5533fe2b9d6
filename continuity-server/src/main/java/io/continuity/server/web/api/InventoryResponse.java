package io.continuity.server.web.api;

import io.continuity.server.inventory.InventoryDiff;
import io.continuity.server.inventory.InventoryError;
import io.continuity.server.inventory.InventoryStatus;
import io.continuity.server.inventory.ReloadOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Where the inventory comes from and how the last reload went. */
@Schema(description = "The inventory files and the last reload result")
public record InventoryResponse(
    List<String> files,
    @Schema(description = "active resources") int resources,
    @Schema(description = "active groups") int groups,
    @Schema(description = "null before the first reconcile") Reload lastReload) {

  /** One reconcile: applied with its changes, or refused with every error. */
  public record Reload(
      Instant at,
      String actor,
      boolean ok,
      List<ErrorView> errors,
      Changes changes,
      @Schema(description = "requests cancelled by this reload (only with cancelPending=true)")
          List<String> executionsCancelled) {

    static Reload of(ReloadOutcome outcome) {
      return new Reload(
          outcome.at(),
          outcome.actor(),
          outcome.ok(),
          outcome.errors().stream().map(ErrorView::of).toList(),
          outcome.diff().map(d -> Changes.of(d, outcome.restoredResources())).orElse(null),
          outcome.cancelledExecutions());
    }
  }

  /** A located error in an inventory file (line 0: the whole file). */
  public record ErrorView(String file, int line, String field, String message) {

    static ErrorView of(InventoryError e) {
      return new ErrorView(e.file(), e.line(), e.fieldPath(), e.message());
    }
  }

  /** Ids added, changed, removed (and resources restored after a removal). */
  public record Changes(
      List<String> resourcesAdded,
      List<String> resourcesChanged,
      List<String> resourcesRemoved,
      List<String> resourcesRestored,
      List<String> groupsAdded,
      List<String> groupsChanged,
      List<String> groupsRemoved) {

    static Changes of(InventoryDiff d, List<String> restored) {
      return new Changes(
          d.addedResources(),
          d.changedResources(),
          d.removedResources(),
          restored,
          d.addedGroups(),
          d.changedGroups(),
          d.removedGroups());
    }
  }

  static InventoryResponse of(InventoryStatus status) {
    return new InventoryResponse(
        status.files(),
        status.resources(),
        status.groups(),
        status.lastReload().map(Reload::of).orElse(null));
  }
}
