package io.continuity.server.inventory;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code resource} or {@code resource_group} as stored: the definition JSON and its
 * hash, and for resources the site that is primary now ({@code null} for groups).
 */
record StoredItem(
    String id,
    String definition,
    String hash,
    String currentPrimarySite,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> removedAt) {

  boolean isActive() {
    return removedAt.isEmpty();
  }
}
