package io.continuity.server.inventory;

import java.util.List;

/**
 * What the inventory used to hold: resources removed from the files (kept, never deleted) and the
 * append-only revisions of every resource and group.
 */
public interface InventoryHistory {

  /** Resources no longer in the files, ordered by id. */
  List<RemovedResource> removedResources();

  /** Every definition the resource had, oldest first; empty for an id never declared. */
  List<Revision> resourceRevisions(String resourceId);

  /** Every definition the group had, oldest first; empty for an id never declared. */
  List<Revision> groupRevisions(String groupId);
}
