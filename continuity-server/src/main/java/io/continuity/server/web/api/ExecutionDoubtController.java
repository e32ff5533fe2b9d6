package io.continuity.server.web.api;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.NothingToAcknowledgeException;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acknowledging an execution that ended with a step in an unknown state: a person who checked the
 * resource by hand says so, and the resource page, the dashboard tile and the next request's
 * topology precheck stop flagging it. OPERATOR, APPROVER or ADMIN; anyone else gets an audited 403.
 */
@RestController
@RequestMapping("/api/v1/executions")
@Tag(name = "Executions")
public class ExecutionDoubtController {

  static final Set<Role> MAY_ACKNOWLEDGE = Set.of(Role.OPERATOR, Role.APPROVER, Role.ADMIN);

  private final ExecutionDoubts doubts;
  private final CurrentActor currentActor;
  private final Clock clock;

  public ExecutionDoubtController(ExecutionDoubts doubts, CurrentActor currentActor, Clock clock) {
    this.doubts = doubts;
    this.currentActor = currentActor;
    this.clock = clock;
  }

  /** What the person checked before acknowledging (recorded in the audit trail). */
  public record AcknowledgeBody(String note) {}

  /** What was acknowledged, by whom and when. */
  public record AcknowledgedView(
      String executionId, List<DoubtView> doubts, String acknowledgedBy, Instant at) {}

  /** One member's step left in an unknown state. */
  public record DoubtView(
      String executionId, String resourceId, String stepId, String outcome, String summary) {
    static DoubtView of(ExecutionDoubt d) {
      return new DoubtView(d.executionId(), d.resourceId(), d.stepId(), d.outcome(), d.summary());
    }
  }

  @Operation(
      summary = "Acknowledge that a run which ended in doubt was checked (OPERATOR/APPROVER/ADMIN)",
      description =
          "For a FAILED execution with a step whose outcome is unknown (timed out, interrupted or"
              + " broken off). Until acknowledged, the resource page and dashboard show it and the"
              + " topology precheck of any new request on the resource fails. Audited as"
              + " EXECUTION_DOUBT_ACKNOWLEDGED with the note.")
  @ApiResponse(responseCode = "200", description = "acknowledged")
  @ApiResponse(responseCode = "400", description = "note missing")
  @ApiResponse(responseCode = "403", description = "not an OPERATOR, APPROVER or ADMIN (audited)")
  @ApiResponse(responseCode = "404", description = "no such execution")
  @ApiResponse(responseCode = "409", description = "nothing in doubt, or acknowledged already")
  @PostMapping("/{id}/acknowledge")
  public AcknowledgedView acknowledge(
      @PathVariable String id, @RequestBody(required = false) AcknowledgeBody body) {
    AuthenticatedActor actor = currentActor.require();
    if (actor.roles().stream().noneMatch(MAY_ACKNOWLEDGE::contains)) {
      throw new AccessDeniedException(
          "acknowledging an execution needs the OPERATOR, APPROVER or ADMIN role");
    }
    String note = body == null ? null : body.note();
    if (note == null || note.isBlank()) {
      throw new BadRequestException(
          "note", "note is required: say what you checked, e.g. \"west is primary and writable\"");
    }
    if (note.length() > 2000) {
      throw new BadRequestException("note", "note must be at most 2000 characters");
    }
    try {
      List<ExecutionDoubt> acknowledged =
          doubts.acknowledge(id, new Actor(actor.id(), actor.roles()), note.strip());
      return new AcknowledgedView(
          id, acknowledged.stream().map(DoubtView::of).toList(), actor.id(), clock.instant());
    } catch (ExecutionNotFoundException e) {
      throw new NotFoundException("execution", id);
    } catch (NothingToAcknowledgeException e) {
      throw new ConflictException(e.getMessage());
    }
  }
}
