package io.continuity.server.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only history of a resource or group: its number (from 1), what changed,
 * the whole definition after the change (canonical JSON, secret references only), who reloaded and
 * when.
 */
public record Revision(
    String id, int revision, ChangeKind change, String definition, String actor, Instant at) {

  public Revision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
