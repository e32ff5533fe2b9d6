package io.continuity.server.inventory;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import java.util.List;
import java.util.Optional;

/**
 * The inventory the control plane works with now: every active resource and group, and which site
 * of each resource is primary at this moment. The public face of the inventory module; other
 * modules (monitoring, execution, web) read the estate only through it.
 */
public interface Inventory {

  List<Resource> resources();

  Optional<Resource> resource(String id);

  List<Group> groups();

  Optional<Group> group(String id);

  /**
   * The name of the site that is primary now: the configured primary site until an execution
   * changes roles.
   *
   * @throws java.util.NoSuchElementException when the resource is not in the inventory
   */
  String currentPrimarySite(String resourceId);
}
