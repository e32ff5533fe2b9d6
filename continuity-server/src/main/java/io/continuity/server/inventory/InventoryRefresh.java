package io.continuity.server.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's inventory snapshot in step with the store when several instances share it:
 * a reload (or start-up reconcile) on one instance is seen by the others within {@code
 * continuity.inventory.refresh-interval} (default 5 s). A failed check is logged and retried.
 */
@Component
class InventoryRefresh {

  private static final Logger log = LoggerFactory.getLogger(InventoryRefresh.class);

  private final InventoryReconciler reconciler;

  InventoryRefresh(InventoryReconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Scheduled(
      initialDelayString = "${continuity.inventory.refresh-interval:PT5S}",
      fixedDelayString = "${continuity.inventory.refresh-interval:PT5S}")
  void refresh() {
    try {
      reconciler.refreshIfStale();
    } catch (RuntimeException e) {
      log.warn(
          "Could not check the stored inventory for changes: {}; will try again", e.toString());
    }
  }
}
