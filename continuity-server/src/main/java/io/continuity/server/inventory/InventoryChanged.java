package io.continuity.server.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Published (as a Spring application event) after every successful reconcile of the inventory with
 * its files, at start-up and on each reload, once the new inventory is readable through {@link
 * Inventory}. Monitoring uses it to start or stop watching resources.
 *
 * @param diff what was added, changed and removed (a restored resource counts as added)
 * @param actor who reloaded, or {@code system:inventory} at start-up
 */
public record InventoryChanged(Instant at, String actor, InventoryDiff diff) {

  public InventoryChanged {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(diff, "diff");
  }
}
