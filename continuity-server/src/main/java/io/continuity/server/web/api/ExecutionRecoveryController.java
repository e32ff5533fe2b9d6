package io.continuity.server.web.api;

import io.continuity.core.identity.Actor;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.RecoveryPlans;
import io.continuity.server.execution.RecoveryRefusedException;
import io.continuity.server.execution.RecoveryView;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recovery plans of a run that ended FAILED part-way (decision 021): each member's state now and
 * the options (roll back, roll forward), and the request that runs one. Every authenticated user
 * may read; requesting one follows the rules of any request (OPERATOR or ADMIN, a reason, the
 * change ticket policy), refusals answered like the other execution endpoints.
 */
@RestController
@RequestMapping("/api/v1/executions")
@Tag(name = "Executions")
public class ExecutionRecoveryController {

  private final RecoveryPlans recoveries;
  private final CurrentActor currentActor;

  public ExecutionRecoveryController(RecoveryPlans recoveries, CurrentActor currentActor) {
    this.recoveries = recoveries;
    this.currentActor = currentActor;
  }

  @Operation(
      summary = "The members of a FAILED run now and its recovery plans",
      description =
          "For each member: how far the run got, its primary before the run, the target, the"
              + " primary the inventory records and the one monitoring last saw, and whether that"
              + " primary takes writes. When the run left a member part-way or the group split,"
              + " the options roll-back (the moved members back to their old primaries in reverse"
              + " dependency order, old primaries that were quiesced started again and verified;"
              + " needs only a person's confirmation) and roll-forward (the members not at the"
              + " target moved again with every gate checked; the usual approvals).")
  @ApiResponse(responseCode = "200", description = "the recovery view")
  @ApiResponse(responseCode = "404", description = "no such execution")
  @GetMapping("/{id}/recovery")
  public RecoveryView recovery(@PathVariable String id) {
    currentActor.require();
    return recoveries.view(id);
  }

  @Operation(
      summary = "Request a recovery plan of a FAILED run as a new, linked execution",
      description =
          "Body {\"option\": \"roll-back\"|\"roll-forward\", \"reason\": \"...\", \"changeTicket\":"
              + " \"...\"}. Creates a new execution request linked to the failed one (retryOf, and"
              + " RECOVERY_REQUESTED on the failed run's trail). A roll-back is APPROVED at once and"
              + " needs a person's confirmation to start; a roll-forward is PENDING_APPROVAL."
              + " Prechecks of a recovery replace the cool-down by recovery-current (the failed run"
              + " is still the last one that ended on each member).")
  @ApiResponse(responseCode = "201", description = "the recovery request")
  @ApiResponse(responseCode = "400", description = "unknown option or field, or reason missing")
  @ApiResponse(responseCode = "403", description = "not an OPERATOR or ADMIN (audited)")
  @ApiResponse(responseCode = "404", description = "no such execution")
  @ApiResponse(
      responseCode = "409",
      description = "no recovery needed, the option cannot be planned, or one is in flight")
  @PostMapping("/{id}/recovery")
  public ResponseEntity<ExecutionView> request(
      @PathVariable String id, @RequestBody ExecutionRequestBodies.Recover body) {
    AuthenticatedActor current = currentActor.require();
    try {
      ExecutionView created =
          ExecutionView.of(
              recoveries.request(
                  id,
                  body.option(),
                  body.reason(),
                  Optional.ofNullable(body.changeTicket()),
                  new Actor(current.id(), current.roles())));
      return ResponseEntity.created(URI.create(ExecutionsController.BASE + "/" + created.id()))
          .body(created);
    } catch (ExecutionNotFoundException e) {
      throw new NotFoundException("execution", id);
    } catch (RecoveryRefusedException e) {
      throw new ConflictException(e.getMessage());
    }
  }
}
