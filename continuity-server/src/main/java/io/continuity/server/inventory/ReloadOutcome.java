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
 * @param cancelledExecutions requests the reload cancelled before it applied (only when asked to)
 */
public record ReloadOutcome(
    Instant at,
    String actor,
    List<String> files,
    List<InventoryError> errors,
    Optional<InventoryDiff> diff,
    List<String> restoredResources,
    List<String> cancelledExecutions) {

  public ReloadOutcome {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    files = List.copyOf(files);
    errors = List.copyOf(errors);
    Objects.requireNonNull(diff, "diff");
    restoredResources = List.copyOf(restoredResources);
    cancelledExecutions = List.copyOf(cancelledExecutions);
    if (errors.isEmpty() == diff.isEmpty()) {
      throw new IllegalArgumentException("an outcome has either errors or a diff, not both");
    }
  }

  static ReloadOutcome applied(
      Instant at,
      String actor,
      List<String> files,
      InventoryDiff diff,
      List<String> restored,
      List<String> cancelled) {
    return new ReloadOutcome(at, actor, files, List.of(), Optional.of(diff), restored, cancelled);
  }

  static ReloadOutcome refused(
      Instant at, String actor, List<String> files, List<InventoryError> errors) {
    return new ReloadOutcome(at, actor, files, errors, Optional.empty(), List.of(), List.of());
  }

  /** True when the files were applied. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
