package io.continuity.server.execution;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
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
import java.util.Optional;
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
  private final RecoveryLinkRepository recoveries;
  private final ExecutionRunRepository runs;
  private final StepLog stepLog;

  ExecutionPlanner(
      Inventory inventory,
      ResourceConnectors connectors,
      RecoveryLinkRepository recoveries,
      ExecutionRunRepository runs,
      StepLog stepLog) {
    this.inventory = inventory;
    this.connectors = connectors;
    this.recoveries = recoveries;
    this.runs = runs;
    this.stepLog = stepLog;
  }

  /**
   * The plan of the request as the connectors see it now.
   *
   * @throws PlanningException when a member cannot be planned (the message says why)
   */
  ExecutionPlan plan(ExecutionRequestSnapshot request) {
    Optional<RecoveryLinkRepository.RecoveryLink> recovery = recoveries.of(request.id());
    if (recovery.isPresent()) {
      return recoveryPlan(
          request.scope().id(), recovery.get().recoversId(), recovery.get().option());
    }
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

  /** The recovery link of a request that recovers a FAILED one; empty for any other request. */
  Optional<RecoveryLinkRepository.RecoveryLink> recoveryOf(String executionId) {
    return recoveries.of(executionId);
  }

  /**
   * What {@code option} would do to each member of the FAILED execution now.
   *
   * @throws PlanningException when the execution never ran (no confirmed plan)
   */
  List<RecoveryActions.MemberAction> recoveryActions(String failedId, RecoveryOption option) {
    ExecutionPlan failedPlan =
        runs.find(failedId)
            .orElseThrow(
                () ->
                    new PlanningException(
                        failedId, "execution " + failedId + " has no confirmed plan: it never ran"))
            .plan();
    return RecoveryActions.of(
        option, failedPlan, stepLog.list(failedId), this::currentPrimary, this::sourceOf);
  }

  /** The site a member's run moved it away from: the other of its two sites. */
  String sourceOf(String resourceId, String target) {
    Resource resource = resource(resourceId);
    return resource.primarySite().name().equals(target)
        ? resource.drSite().name()
        : resource.primarySite().name();
  }

  /**
   * A recovery request's plan: the connectors' plans for the members its option moves, in its
   * waves; members with nothing to do are left out (skipped, not failed).
   */
  ExecutionPlan recoveryPlan(String scopeId, String failedId, RecoveryOption option) {
    List<RecoveryActions.MemberAction> actions = recoveryActions(failedId, option);
    OperationType failedType =
        runs.find(failedId).orElseThrow().plan().members().get(0).plan().type();
    List<ExecutionPlan.MemberPlan> members = new ArrayList<>();
    actions.stream()
        .filter(RecoveryActions.MemberAction::runs)
        .sorted(java.util.Comparator.comparingInt(RecoveryActions.MemberAction::wave))
        .forEach(
            a ->
                members.add(
                    new ExecutionPlan.MemberPlan(
                        a.resourceId(), a.wave(), planAction(a, failedType))));
    if (members.isEmpty()) {
      throw new PlanningException(
          scopeId,
          "nothing to "
              + option.word()
              + ": every member of "
              + failedId
              + " is already where it would put it");
    }
    return new ExecutionPlan(members);
  }

  private OperationPlan planAction(RecoveryActions.MemberAction action, OperationType failedType) {
    Connector connector = connector(action.resourceId());
    try {
      return switch (action.action()) {
        case SWITCH_BACK ->
            connector.plan(new OperationRequest(OperationType.SWITCHOVER, action.site(), Map.of()));
        case RESUME_PRIMARY -> connector.planResumePrimary(action.site());
        case MOVE_FORWARD ->
            connector.plan(new OperationRequest(failedType, action.site(), Map.of()));
        case CONTINUE ->
            connector.planContinuation(new OperationRequest(failedType, action.site(), Map.of()));
        case SKIP -> throw new IllegalArgumentException("a skipped member has no plan");
      };
    } catch (ConnectorException | RuntimeException e) {
      throw new PlanningException(
          action.resourceId(),
          "the connector of "
              + action.resourceId()
              + " cannot plan the recovery ("
              + action.describe()
              + "): "
              + e.getMessage());
    }
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
