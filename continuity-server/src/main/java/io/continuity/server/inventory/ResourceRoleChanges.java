package io.continuity.server.inventory;

/**
 * The one way the site that is primary now changes: an execution (failover, switchover, failback)
 * records the new primary here. Reloading the inventory files keeps it.
 */
public interface ResourceRoleChanges {

  /**
   * Records that {@code newPrimarySite} is now primary for the resource, with an audited {@code
   * RESOURCE_ROLE_CHANGED} event naming the execution.
   *
   * @throws java.util.NoSuchElementException when the resource is not in the inventory
   * @throws IllegalArgumentException when the site is not one of the resource's two sites
   */
  void recordRoleChange(String resourceId, String newPrimarySite, String executionId);
}
