package io.continuity.server.inventory;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.InventoryRepository.Kind;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The inventory backed by the store: reads of resources and groups come from the reconciler's
 * immutable snapshot (no database access), so they are fast and never see half a reload; the
 * current primary site is read from the store, which every instance shares. The start-up reconcile
 * runs while this bean initialises, so every bean that injects {@link Inventory} finds it loaded;
 * the start-up {@link InventoryChanged} is published once the context is refreshed, when every
 * listener is registered.
 */
@Component
class ReconciledInventory
    implements Inventory, ResourceRoleChanges, InventoryHistory, InitializingBean {

  private final InventoryReconciler reconciler;
  private final ApplicationEventPublisher events;
  private Optional<InventoryChanged> startupChange = Optional.empty();

  ReconciledInventory(InventoryReconciler reconciler, ApplicationEventPublisher events) {
    this.reconciler = reconciler;
    this.events = events;
  }

  @Override
  public void afterPropertiesSet() {
    startupChange = reconciler.startUp();
  }

  @EventListener(ContextRefreshedEvent.class)
  void announceStartup() {
    Optional<InventoryChanged> change = startupChange;
    startupChange = Optional.empty();
    change.ifPresent(events::publishEvent);
  }

  @Override
  public List<Resource> resources() {
    return List.copyOf(reconciler.snapshot().resources().values());
  }

  @Override
  public Optional<Resource> resource(String id) {
    return reconciler.snapshot().resource(id);
  }

  @Override
  public List<Group> groups() {
    return List.copyOf(reconciler.snapshot().groups().values());
  }

  @Override
  public Optional<Group> group(String id) {
    return reconciler.snapshot().group(id);
  }

  /**
   * Read from the store on every call, so every instance sharing the store agrees on the primary
   * the moment one of them records a role change (plans and confirmation tokens depend on it).
   */
  @Override
  public String currentPrimarySite(String resourceId) {
    if (reconciler.snapshot().resource(resourceId).isEmpty()) {
      throw new NoSuchElementException("no resource " + resourceId + " in the inventory");
    }
    return reconciler
        .storedPrimarySite(resourceId)
        .orElseThrow(
            () -> new NoSuchElementException("no resource " + resourceId + " in the inventory"));
  }

  @Override
  public void recordRoleChange(String resourceId, String newPrimarySite, String executionId) {
    reconciler.recordRoleChange(resourceId, newPrimarySite, executionId);
  }

  @Override
  public List<RemovedResource> removedResources() {
    return reconciler.snapshot().removed();
  }

  @Override
  public List<Revision> resourceRevisions(String resourceId) {
    return reconciler.revisions(Kind.RESOURCE, resourceId);
  }

  @Override
  public List<Revision> groupRevisions(String groupId) {
    return reconciler.revisions(Kind.GROUP, groupId);
  }
}
