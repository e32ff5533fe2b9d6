package io.continuity.server.inventory;

import io.continuity.core.inventory.Resource;
import java.time.Instant;
import java.util.Objects;

/** A resource that left the inventory files: its last definition and when it was removed. */
public record RemovedResource(Resource resource, String lastPrimarySite, Instant removedAt) {

  public RemovedResource {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(lastPrimarySite, "lastPrimarySite");
    Objects.requireNonNull(removedAt, "removedAt");
  }
}
