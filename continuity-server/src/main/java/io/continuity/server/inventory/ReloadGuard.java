package io.continuity.server.inventory;

import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.inventory.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a reload may pull a resource out from under an execution. A resource is <em>touched</em>
 * by a reload that removes it, removes it from a group, or changes its platform, sites or connector
 * settings. A touched resource with an execution that has not ended (its own, or one of a group it
 * is a member of) refuses the reload, with an error at the resource's line (or the group's); the
 * only exception is a request that has not started when the operator asked to cancel those ({@code
 * cancelPending}): it is then to be cancelled. A RUNNING execution is never cancelled by a reload.
 *
 * <p>Pure: it only compares; the reconciler applies the verdict all or nothing.
 */
final class ReloadGuard {

  /** Errors refuse the reload; otherwise the requests to cancel before it is applied. */
  record Verdict(List<InventoryError> errors, List<InFlightExecution> toCancel) {
    Verdict {
      errors = List.copyOf(errors);
      toCancel = List.copyOf(toCancel);
    }
  }

  private ReloadGuard() {}

  /**
   * @param fallbackFile the file named by errors about a resource or group that no file declares
   *     any more (there is no line to point at)
   */
  static Verdict check(
      InventoryDocument current,
      InventoryDocument next,
      List<InFlightExecution> inFlight,
      boolean cancelPending,
      String fallbackFile) {
    return check(current, next, inFlight, cancelPending, fallbackFile, true);
  }

  /**
   * @param settingsToo false at start-up: a restart may change how a resource is reached (recovery
   *     then judges its run with the new settings), but may not remove a resource or take it out of
   *     a group under a run
   */
  static Verdict check(
      InventoryDocument current,
      InventoryDocument next,
      List<InFlightExecution> inFlight,
      boolean cancelPending,
      String fallbackFile,
      boolean settingsToo) {
    if (inFlight.isEmpty()) {
      return new Verdict(List.of(), List.of());
    }
    List<InventoryError> errors = new ArrayList<>();
    Set<InFlightExecution> toCancel = new LinkedHashSet<>();
    for (Resource before : current.resources()) {
      List<Touch> touches = touches(before, current, next, fallbackFile, settingsToo);
      if (touches.isEmpty()) {
        continue;
      }
      for (InFlightExecution execution : on(before.id(), inFlight, current)) {
        if (!execution.started() && cancelPending) {
          toCancel.add(execution);
          continue;
        }
        for (Touch touch : touches) {
          errors.add(touch.where().error(message(before.id(), execution, touch.change())));
        }
      }
    }
    return new Verdict(errors, errors.isEmpty() ? List.copyOf(toCancel) : List.of());
  }

  /** One way a reload touches a resource, and where to point the operator. */
  private record Touch(SourceLocation where, String change) {}

  private static List<Touch> touches(
      Resource before,
      InventoryDocument current,
      InventoryDocument next,
      String fallbackFile,
      boolean settingsToo) {
    List<Touch> touches = new ArrayList<>();
    Optional<Resource> after = next.resource(before.id());
    if (after.isEmpty()) {
      touches.add(
          new Touch(new SourceLocation(fallbackFile, 0, "resources"), "removes the resource"));
    } else if (settingsToo) {
      List<String> changed = changedSettings(before, after.get());
      if (!changed.isEmpty()) {
        SourceLocation at = itemLocation(next, before.id(), fallbackFile);
        touches.add(new Touch(at, "changes its " + String.join(", ", changed)));
      }
    }
    for (GroupSpec group : current.groups()) {
      if (!group.members().contains(before.id())) {
        continue;
      }
      Optional<GroupSpec> groupAfter = next.group(group.id());
      if (groupAfter.isEmpty()) {
        touches.add(
            new Touch(
                new SourceLocation(fallbackFile, 0, "groups"),
                "removes group '" + group.id() + "' it is a member of"));
      } else if (!groupAfter.get().members().contains(before.id())) {
        SourceLocation g = groupAfter.get().location();
        touches.add(
            new Touch(
                new SourceLocation(g.file(), g.line(), itemPath(g.fieldPath()) + ".members"),
                "removes it from group '" + group.id() + "'"));
      }
    }
    return touches;
  }

  private static List<String> changedSettings(Resource before, Resource after) {
    List<String> changed = new ArrayList<>();
    if (!before.platform().equals(after.platform())) {
      changed.add("platform");
    }
    if (!before.primarySite().equals(after.primarySite())
        || !before.drSite().equals(after.drSite())) {
      changed.add("sites");
    }
    if (!before.connector().equals(after.connector())) {
      changed.add("connector settings");
    }
    return changed;
  }

  /** The executions that act on this resource: its own and those of groups it is a member of. */
  private static List<InFlightExecution> on(
      String resourceId, List<InFlightExecution> inFlight, InventoryDocument current) {
    List<InFlightExecution> found = new ArrayList<>();
    for (InFlightExecution execution : inFlight) {
      ExecutionScope scope = execution.scope();
      boolean mine =
          scope instanceof ExecutionScope.ResourceScope r
              ? r.resourceId().equals(resourceId)
              : current.group(scope.id()).map(g -> g.members().contains(resourceId)).orElse(false);
      if (mine) {
        found.add(execution);
      }
    }
    return found;
  }

  private static String message(String resourceId, InFlightExecution execution, String change) {
    return "resource '"
        + resourceId
        + "' has execution "
        + execution.executionId()
        + " in state "
        + execution.state()
        + ": wait for it to end or cancel it"
        + (execution.started() ? "" : " (or reload with cancelPending=true to cancel it)")
        + "; this reload "
        + change
        + ". Nothing was changed.";
  }

  private static SourceLocation itemLocation(
      InventoryDocument next, String resourceId, String fallbackFile) {
    return next.locationOf(resourceId)
        .map(l -> new SourceLocation(l.file(), l.line(), itemPath(l.fieldPath())))
        .orElse(new SourceLocation(fallbackFile, 0, "resources"));
  }

  /** {@code resources[2].id} → {@code resources[2]}. */
  private static String itemPath(String fieldPath) {
    int dot = fieldPath.indexOf('.');
    return dot < 0 ? fieldPath : fieldPath.substring(0, dot);
  }
}
