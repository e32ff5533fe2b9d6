package io.continuity.server.web.api;

import io.continuity.core.identity.Actor;
import io.continuity.server.execution.ExecutionConfirmation;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.ExecutionRequests;
import io.continuity.server.execution.PrecheckOverride;
import io.continuity.server.execution.PrecheckOverrides;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Running an approved execution: read its plan (which presents the confirmation to a person who may
 * confirm), confirm it with the token (or dry-run every precheck), and follow its events.
 */
@RestController
@RequestMapping("/api/v1/executions")
public class ExecutionRunController {

  private final ExecutionConfirmation confirmation;
  private final ExecutionRequests requests;
  private final PrecheckOverrides overrides;
  private final ExecutionEventStream events;
  private final CurrentActor currentActor;

  public ExecutionRunController(
      ExecutionConfirmation confirmation,
      ExecutionRequests requests,
      PrecheckOverrides overrides,
      ExecutionEventStream events,
      CurrentActor currentActor) {
    this.confirmation = confirmation;
    this.requests = requests;
    this.overrides = overrides;
    this.events = events;
    this.currentActor = currentActor;
  }

  /** The plan, prechecks, evidence, data-loss warning and (when allowed) the token. */
  @GetMapping("/{id}/plan")
  public PlanView plan(@PathVariable String id) {
    return PlanView.of(confirmation.plan(id, actor()));
  }

  /** The body of a confirmation. */
  public record ConfirmBody(String confirmationToken, Boolean acknowledgeCooldown) {}

  /** The outcome of a confirmation or dry run. */
  public record ConfirmView(
      String executionId,
      String state,
      boolean started,
      boolean dryRun,
      List<String> changes,
      PlanView plan) {}

  /**
   * Confirms the start (202, RUNNING, the run enqueued); with {@code dryRun=true} runs every check
   * and returns the plan and results without acting (200).
   */
  @PostMapping("/{id}/confirm")
  public ResponseEntity<ConfirmView> confirm(
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestBody(required = false) ConfirmBody body) {
    ConfirmBody given = body == null ? new ConfirmBody(null, false) : body;
    if (!dryRun && (given.confirmationToken() == null || given.confirmationToken().isBlank())) {
      throw new BadRequestException(
          "confirmationToken",
          "confirmationToken is required: read GET /api/v1/executions/"
              + id
              + "/plan and send its confirmationToken");
    }
    ExecutionConfirmation.ConfirmOutcome outcome =
        confirmation.confirm(
            id,
            actor(),
            given.confirmationToken(),
            Boolean.TRUE.equals(given.acknowledgeCooldown()),
            dryRun);
    PlanView plan = PlanView.of(outcome.preview());
    ConfirmView view =
        new ConfirmView(id, plan.state(), outcome.started(), dryRun, outcome.changes(), plan);
    return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.ACCEPTED).body(view);
  }

  /** The body of a precheck override: the qualified check id and why it is safe to go on. */
  public record OverrideBody(String check, String reason) {}

  /**
   * Overrides one failed, overridable precheck (201): an APPROVER who is neither the requester nor
   * the confirmer, with a reason; audited, and the approvers are notified.
   */
  @PostMapping("/{id}/overrides")
  public ResponseEntity<PrecheckOverride> override(
      @PathVariable String id, @RequestBody(required = false) OverrideBody body) {
    OverrideBody given = body == null ? new OverrideBody(null, null) : body;
    PrecheckOverride recorded = overrides.override(id, actor(), given.check(), given.reason());
    return ResponseEntity.status(HttpStatus.CREATED).body(recorded);
  }

  /** The precheck overrides of a request, oldest first. */
  @GetMapping("/{id}/overrides")
  public List<PrecheckOverride> overrides(@PathVariable String id) {
    requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    return overrides.list(id);
  }

  /** Server-sent events: everything recorded so far, then what happens, until the end. */
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events(@PathVariable String id) {
    requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    return events.open(id);
  }

  private Actor actor() {
    AuthenticatedActor current = currentActor.require();
    return new Actor(current.id(), current.roles());
  }
}
