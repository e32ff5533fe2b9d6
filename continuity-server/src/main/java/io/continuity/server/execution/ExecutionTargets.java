package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionDraft;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Site;
import io.continuity.server.inventory.Inventory;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a {@link NewExecutionRequest} against the inventory into a draft: the scope must exist,
 * the tier is the resource's or group's, and the target site is resolved.
 *
 * <p>For a resource, the target is a site name or a role word ({@code primary}, {@code dr}) and is
 * stored as the site's name; when absent it is the site that is not primary now. For a group only
 * the role words are accepted (each member has its own sites) and the word is stored, to be
 * resolved per member when the execution runs; when absent it is the role of the sites that are not
 * primary now, provided all members agree.
 */
final class ExecutionTargets {

  private static final String PRIMARY = "primary";
  private static final String DR = "dr";

  private final Inventory inventory;

  ExecutionTargets(Inventory inventory) {
    this.inventory = inventory;
  }

  ExecutionDraft draft(String id, NewExecutionRequest input) {
    if (input.scope() instanceof ExecutionScope.GroupScope group) {
      Group found =
          inventory
              .group(group.groupId())
              .orElseThrow(() -> ExecutionTargetException.unknown("groupId", "group", group.id()));
      return draft(id, input, found.tier(), groupTarget(found, input.targetSite()));
    }
    String resourceId = input.scope().id();
    Resource resource =
        inventory
            .resource(resourceId)
            .orElseThrow(
                () -> ExecutionTargetException.unknown("resourceId", "resource", resourceId));
    return draft(id, input, resource.tier(), resourceTarget(resource, input.targetSite()));
  }

  private static ExecutionDraft draft(
      String id, NewExecutionRequest input, io.continuity.core.inventory.Tier tier, String site) {
    return new ExecutionDraft(
        id,
        input.type(),
        input.scope(),
        site,
        tier,
        input.changeTicket(),
        input.reason(),
        input.window());
  }

  private String resourceTarget(Resource resource, Optional<String> wanted) {
    String primaryNow = inventory.currentPrimarySite(resource.id());
    if (wanted.isEmpty()) {
      return otherSite(resource, primaryNow).name();
    }
    return resource
        .site(wanted.get())
        .map(Site::name)
        .orElseThrow(
            () ->
                ExecutionTargetException.invalid(
                    "targetSite",
                    "targetSite '"
                        + wanted.get()
                        + "' is not a site of resource "
                        + resource.id()
                        + "; use "
                        + resource.primarySite().name()
                        + ", "
                        + resource.drSite().name()
                        + ", primary or dr"));
  }

  private String groupTarget(Group group, Optional<String> wanted) {
    if (wanted.isPresent()) {
      String word = wanted.get().toLowerCase(java.util.Locale.ROOT);
      if (!word.equals(PRIMARY) && !word.equals(DR)) {
        throw ExecutionTargetException.invalid(
            "targetSite",
            "targetSite '"
                + wanted.get()
                + "' cannot name a site for group "
                + group.id()
                + ": each member has its own sites, so use the role primary or dr");
      }
      return word;
    }
    Set<String> roles = new HashSet<>();
    for (String member : group.members()) {
      inventory
          .resource(member)
          .ifPresent(
              resource -> {
                String primaryNow = inventory.currentPrimarySite(resource.id());
                roles.add(resource.primarySite().name().equals(primaryNow) ? DR : PRIMARY);
              });
    }
    if (roles.size() != 1) {
      throw ExecutionTargetException.invalid(
          "targetSite",
          "the members of group "
              + group.id()
              + " are not all primary on the same configured site; say which with targetSite"
              + " primary or dr");
    }
    return roles.iterator().next();
  }

  private static Site otherSite(Resource resource, String primaryNow) {
    return resource.primarySite().name().equals(primaryNow)
        ? resource.drSite()
        : resource.primarySite();
  }
}
