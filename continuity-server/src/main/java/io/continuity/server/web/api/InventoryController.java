package io.continuity.server.web.api;

import io.continuity.core.identity.Actor;
import io.continuity.core.identity.Role;
import io.continuity.server.inventory.InventoryReconciler;
import io.continuity.server.inventory.ReloadOutcome;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inventory files and their reload. Reading is open to any Continuity role; reloading is for
 * ADMINs only (anyone else gets an audited 403).
 */
@RestController
@RequestMapping("/api/v1/inventory")
@Tag(name = "Inventory")
public class InventoryController {

  private final InventoryReconciler reconciler;
  private final CurrentActor currentActor;

  public InventoryController(InventoryReconciler reconciler, CurrentActor currentActor) {
    this.reconciler = reconciler;
    this.currentActor = currentActor;
  }

  @Operation(summary = "The configured files, inventory size and the last reload result")
  @GetMapping
  public InventoryResponse status() {
    return InventoryResponse.of(reconciler.status());
  }

  @Operation(
      summary = "Re-read the inventory files and apply them (ADMIN)",
      description =
          "All or nothing: with any error in any file nothing changes and the answer is 422 with"
              + " every error located by file, line and field. A change that removes a resource,"
              + " removes it from a group, or changes its platform, sites or connector settings"
              + " while it has an execution that has not ended (PENDING_APPROVAL through RUNNING)"
              + " is such an error. With cancelPending=true the requests that have not started"
              + " are cancelled instead (each audited as cancelled by the caller with reason"
              + " 'inventory reload'); a RUNNING execution is never cancelled.")
  @ApiResponse(responseCode = "200", description = "applied; the changes are in the body")
  @ApiResponse(responseCode = "403", description = "the caller is not an ADMIN (audited)")
  @ApiResponse(responseCode = "422", description = "refused: problem+json with errors")
  @PostMapping("/reload")
  public ResponseEntity<?> reload(
      HttpServletRequest request,
      @Parameter(description = "cancel requests that have not started instead of refusing")
          @RequestParam(defaultValue = "false")
          boolean cancelPending) {
    AuthenticatedActor actor = currentActor.require();
    if (!actor.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("reloading the inventory needs the ADMIN role");
    }
    ReloadOutcome outcome = reconciler.reload(new Actor(actor.id(), actor.roles()), cancelPending);
    if (outcome.ok()) {
      return ResponseEntity.ok(InventoryResponse.Reload.of(outcome));
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "The inventory files have "
                + outcome.errors().size()
                + (outcome.errors().size() == 1 ? " error" : " errors")
                + "; nothing was changed. Fix every listed error and reload again.");
    problem.setTitle("Inventory refused");
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty(
        "errors", outcome.errors().stream().map(InventoryResponse.ErrorView::of).toList());
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
