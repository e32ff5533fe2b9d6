package io.continuity.server.execution;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.ConnectorLookup;
import io.continuity.server.monitoring.ResourceConnectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Asks the connectors what a request would run: for a resource, its connector's plan towards the
 * target site; for a group, each member's plan in the group's wave order, the target role word
 * ({@code primary}/{@code dr}) resolved to each member's configured site.
 */
@Component
class ExecutionPlanner {

  private final Inventory inventory;
  private final ResourceConnectors connectors;

  ExecutionPlanner(Inventory inventory, ResourceConnectors connectors) {
    this.inventory = inventory;
    this.connectors = connectors;
  }

  /**
   * The plan of the request as the connectors see it now.
   *
   * @throws PlanningException when a member cannot be planned (the message says why)
   */
  ExecutionPlan plan(ExecutionRequestSnapshot request) {
    List<ExecutionPlan.MemberPlan> members = new ArrayList<>();
    if (request.scope() instanceof ExecutionScope.GroupScope scope) {
      Group group =
          inventory
              .group(scope.groupId())
              .orElseThrow(
                  () ->
                      new PlanningException(
                          scope.groupId(), "group " + scope.groupId() + " left the inventory"));
      int wave = 1;
      for (List<String> ids : group.waves()) {
        for (String id : ids) {
          Resource resource = resource(id);
          String target = memberTarget(resource, request.targetSite());
          members.add(new ExecutionPlan.MemberPlan(id, wave, planOne(resource, request, target)));
        }
        wave++;
      }
    } else {
      Resource resource = resource(request.scope().id());
      members.add(
          new ExecutionPlan.MemberPlan(
              resource.id(), 1, planOne(resource, request, request.targetSite())));
    }
    return new ExecutionPlan(members);
  }

  /** The member resources of the request, in wave order. */
  List<String> memberIds(ExecutionRequestSnapshot request) {
    if (request.scope() instanceof ExecutionScope.GroupScope scope) {
      return inventory
          .group(scope.groupId())
          .map(g -> g.waves().stream().flatMap(List::stream).toList())
          .orElse(List.of());
    }
    return List.of(request.scope().id());
  }

  /** The site that is primary for the resource now. */
  String currentPrimary(String resourceId) {
    return inventory.currentPrimarySite(resourceId);
  }

  /** The connector of a resource in the inventory. */
  Connector connector(String resourceId) {
    Resource resource = resource(resourceId);
    ConnectorLookup lookup = connectors.lookup(resource);
    if (lookup instanceof ConnectorLookup.Available available) {
      return available.connector();
    }
    throw new PlanningException(
        resourceId,
        "no connector for " + resourceId + ": " + ((ConnectorLookup.Unavailable) lookup).reason());
  }

  /** The site a member is moved to: a site name as stored, or a role word for a group. */
  static String memberTarget(Resource resource, String target) {
    switch (target.toLowerCase(Locale.ROOT)) {
      case "primary":
        return resource.primarySite().name();
      case "dr":
        return resource.drSite().name();
      default:
        return target;
    }
  }

  private OperationPlan planOne(
      Resource resource, ExecutionRequestSnapshot request, String target) {
    Connector connector = connector(resource.id());
    try {
      return connector.plan(new OperationRequest(request.type(), target, Map.of()));
    } catch (ConnectorException | RuntimeException e) {
      throw new PlanningException(
          resource.id(),
          "the connector of "
              + resource.id()
              + " cannot plan "
              + request.type()
              + ": "
              + e.getMessage());
    }
  }

  private Resource resource(String id) {
    return inventory
        .resource(id)
        .orElseThrow(() -> new PlanningException(id, "resource " + id + " left the inventory"));
  }
}
