package io.continuity.server.inventory;

import java.util.List;
import java.util.Optional;

/**
 * Where the inventory comes from and how the last reconcile went: the configured files, how many
 * resources and groups are active, and the last reload outcome (empty before the first one).
 */
public record InventoryStatus(
    List<String> files, int resources, int groups, Optional<ReloadOutcome> lastReload) {

  public InventoryStatus {
    files = List.copyOf(files);
  }
}
