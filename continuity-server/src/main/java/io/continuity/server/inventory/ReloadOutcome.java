package io.continuity.server.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one attempt to reconcile the inventory with its files: either applied (with what
 * changed) or refused with every error, in which case nothing changed.
 *
 * @param actor who asked: a user id, or {@code system:inventory} at start-up
 * @param files the files that were read, as configured
 * @param diff what changed; empty when refused
 * @param restoredResources ids among {@code diff.addedResources()} that came back after a removal
 */
public record ReloadOutcome(
    Instant at,
    String actor,
    List<String> files,
    List<InventoryError> errors,
    Optional<InventoryDiff> diff,
    List<String> restoredResources) {

  public ReloadOutcome {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    files = List.copyOf(files);
    errors = List.copyOf(errors);
    Objects.requireNonNull(diff, "diff");
    restoredResources = List.copyOf(restoredResources);
    if (errors.isEmpty() == diff.isEmpty()) {
      throw new IllegalArgumentException("an outcome has either errors or a diff, not both");
    }
  }

  static ReloadOutcome applied(
      Instant at, String actor, List<String> files, InventoryDiff diff, List<String> restored) {
    return new ReloadOutcome(at, actor, files, List.of(), Optional.of(diff), restored);
  }

  static ReloadOutcome refused(
      Instant at, String actor, List<String> files, List<InventoryError> errors) {
    return new ReloadOutcome(at, actor, files, errors, Optional.empty(), List.of());
  }

  /** True when the files were applied. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
