package io.continuity.server.web.api;

import io.continuity.connector.api.OperationType;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionState;
import io.continuity.core.identity.Actor;
import io.continuity.server.execution.ExecutionFilter;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.ExecutionPage;
import io.continuity.server.execution.ExecutionRequests;
import io.continuity.server.execution.NewExecutionRequest;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Execution requests: create, list, read, approve or reject, cancel, break-glass, post-incident
 * review and retry. Every authenticated user may read; who may do what else is decided by the
 * request's rules ({@code ExecutionRequest}), and a refusal is answered as problem+json naming the
 * rule (see {@link ExecutionProblems}) and recorded in the audit trail.
 */
@RestController
@RequestMapping("/api/v1/executions")
public class ExecutionsController {

  static final String BASE = "/api/v1/executions";

  private final ExecutionRequests requests;
  private final CurrentActor currentActor;
  private final Clock clock;

  public ExecutionsController(ExecutionRequests requests, CurrentActor currentActor, Clock clock) {
    this.requests = requests;
    this.currentActor = currentActor;
    this.clock = clock;
  }

  /** Requests a failover, switchover, drill or failback of one resource or group. */
  @PostMapping
  public ResponseEntity<ExecutionView> create(@RequestBody ExecutionRequestBodies.Create body) {
    NewExecutionRequest input =
        new NewExecutionRequest(
            type(body.type()),
            scope(body.resourceId(), body.groupId()),
            Optional.ofNullable(body.targetSite()),
            Optional.ofNullable(body.changeTicket()),
            body.reason(),
            WindowInput.read(body.window(), clock.instant()));
    ExecutionView created = ExecutionView.of(requests.create(input, actor()));
    return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
  }

  /** Requests newest first, optionally of one state and one resource (including its groups). */
  @GetMapping
  public ExecutionPageView list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @Size(max = 200) String resourceId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(ExecutionFilter.MAX_SIZE) int size) {
    ExecutionPage found =
        requests.list(
            new ExecutionFilter(
                Optional.ofNullable(state).filter(s -> !s.isBlank()).map(this::state),
                Optional.ofNullable(resourceId).filter(r -> !r.isBlank()),
                page,
                size));
    return new ExecutionPageView(
        found.items().stream().map(ExecutionView::of).toList(),
        found.page(),
        found.size(),
        found.total());
  }

  @GetMapping("/{id}")
  public ExecutionView get(@PathVariable String id) {
    return ExecutionView.of(
        requests.find(id).orElseThrow(() -> new ExecutionNotFoundException(id)));
  }

  /** An approver's decision: APPROVE counts towards the policy, REJECT ends the request. */
  @PostMapping("/{id}/approvals")
  public ExecutionView decide(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.Decide body) {
    String decision = required("decision", body.decision(), "APPROVE or REJECT");
    switch (decision.strip().toUpperCase(Locale.ROOT)) {
      case "APPROVE":
        return ExecutionView.of(requests.approve(id, actor(), body.comment()));
      case "REJECT":
        return ExecutionView.of(requests.reject(id, actor(), body.comment()));
      default:
        throw new BadRequestException(
            "decision", "decision '" + decision + "' is not known; use APPROVE or REJECT");
    }
  }

  /** Withdraws a request before it runs (the requester or an ADMIN). */
  @PostMapping("/{id}/cancel")
  public ExecutionView cancel(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.Cancel body) {
    return ExecutionView.of(requests.cancel(id, actor(), body.reason()));
  }

  /** Skips the remaining approvals in an emergency (BREAK_GLASS role). */
  @PostMapping("/{id}/break-glass")
  public ExecutionView breakGlass(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.BreakGlass body) {
    String justification =
        required("justification", body.justification(), "why approvals must be skipped");
    String incident =
        required("incidentRef", body.incidentRef(), "the incident reference, e.g. INC0012345");
    return ExecutionView.of(requests.breakGlass(id, actor(), justification, incident));
  }

  /** Records the post-incident review of a break-glass use (an uninvolved APPROVER or ADMIN). */
  @PostMapping("/{id}/review")
  public ExecutionView review(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.Review body) {
    return ExecutionView.of(requests.review(id, actor(), body.findings()));
  }

  /** Tries a FAILED request again as a new request with fresh approvals. */
  @PostMapping("/{id}/retry")
  public ResponseEntity<ExecutionView> retry(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.Retry body) {
    ExecutionView created = ExecutionView.of(requests.retry(id, actor(), body.reason()));
    return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
  }

  /** One page of requests and how many match in total. */
  public record ExecutionPageView(List<ExecutionView> items, int page, int size, long total) {}

  private Actor actor() {
    AuthenticatedActor current = currentActor.require();
    return new Actor(current.id(), current.roles());
  }

  private static OperationType type(String type) {
    String allowed = Arrays.toString(OperationType.values());
    String given = required("type", type, "one of " + allowed);
    try {
      return OperationType.valueOf(given.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "type", "type '" + given + "' is not known; use one of " + allowed);
    }
  }

  private static ExecutionScope scope(String resourceId, String groupId) {
    boolean resource = resourceId != null && !resourceId.isBlank();
    boolean group = groupId != null && !groupId.isBlank();
    if (resource == group) {
      throw new BadRequestException(
          "resourceId",
          "give exactly one of resourceId and groupId ("
              + (resource ? "both were given" : "neither was given")
              + ")");
    }
    return resource
        ? ExecutionScope.resource(resourceId.strip())
        : ExecutionScope.group(groupId.strip());
  }

  private ExecutionState state(String state) {
    try {
      return ExecutionState.valueOf(state.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "state", "state '" + state + "' is not known; use one of " + ExecutionView.states());
    }
  }

  private static String required(String field, String value, String expected) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(field, field + " is required: give " + expected);
    }
    return value;
  }
}
