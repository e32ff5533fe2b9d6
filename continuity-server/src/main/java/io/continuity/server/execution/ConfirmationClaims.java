package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The claims about a request as they stand now ({@link ConfirmationToken}): each member's primary
 * site, its DR marker and position, and the plan hash. What an approver saw, what a confirmation
 * token carries, and what both are compared with at confirmation.
 */
@Component
class ConfirmationClaims {

  private final ExecutionPlanner planner;
  private final EvidenceReader evidence;

  ConfirmationClaims(ExecutionPlanner planner, EvidenceReader evidence) {
    this.planner = planner;
    this.evidence = evidence;
  }

  /** The claims with the plan made now ({@code "none"} when it cannot be made). */
  ConfirmationToken now(ExecutionRequestSnapshot request) {
    return of(request, planOrNull(request));
  }

  /** The claims with the given plan (null: none). */
  ConfirmationToken of(ExecutionRequestSnapshot request, ExecutionPlan plan) {
    Map<String, String> primaries = new LinkedHashMap<>();
    Map<String, String> markers = new LinkedHashMap<>();
    Map<String, String> positions = new LinkedHashMap<>();
    for (String member : planner.memberIds(request)) {
      primaries.put(member, planner.currentPrimary(member));
      Optional<ResourceEvidence> seen = evidence.read(member);
      markers.put(member, seen.map(ResourceEvidence::drMarkerOrNone).orElse("none"));
      seen.map(ResourceEvidence::drMarkerPosition)
          .ifPresent(p -> positions.put(member, p.toString()));
    }
    return new ConfirmationToken(
        request.id(),
        request.version(),
        primaries,
        markers,
        positions,
        plan == null ? ConfirmationToken.NO_PLAN : plan.hash());
  }

  /** The plan made now, or null when a member cannot be planned. */
  ExecutionPlan planOrNull(ExecutionRequestSnapshot request) {
    try {
      return planner.plan(request);
    } catch (PlanningException e) {
      return null;
    }
  }
}
