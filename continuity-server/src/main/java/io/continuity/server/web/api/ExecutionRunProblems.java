package io.continuity.server.web.api;

import io.continuity.server.execution.CheckResult;
import io.continuity.server.execution.ConfirmationRefusedException;
import io.continuity.server.execution.OverrideRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem+json for refused confirmations: an invalid token is 400 (field {@code
 * confirmationToken}); a changed topology or plan is 409 with {@code changes} naming what changed;
 * failed prechecks are 409 with {@code checks} (every check, passed or not) and {@code
 * failedChecks}. A refused precheck override is 400 (bad input, {@code field}), 403 (a person who
 * may not override) or 409 (nothing to override, not overridable, not before the start).
 */
@RestControllerAdvice(assignableTypes = {ExecutionRunController.class, EvidenceController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExecutionRunProblems {

  @ExceptionHandler(ConfirmationRefusedException.class)
  ResponseEntity<ProblemDetail> refused(
      ConfirmationRefusedException ex, HttpServletRequest request) {
    boolean invalid = ex.kind() == ConfirmationRefusedException.Kind.TOKEN_INVALID;
    HttpStatus status = invalid ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
    problem.setTitle(title(ex.kind()));
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("reason", ex.kind().name());
    if (invalid) {
      problem.setProperty("field", "confirmationToken");
      problem.setProperty(
          "errors", List.of(Map.of("field", "confirmationToken", "message", ex.getMessage())));
    }
    if (!ex.changes().isEmpty()) {
      problem.setProperty("changes", ex.changes());
    }
    if (!ex.checks().isEmpty()) {
      problem.setProperty("checks", ex.checks());
      problem.setProperty(
          "failedChecks",
          ex.checks().stream().filter(c -> !c.passed()).map(CheckResult::qualifiedId).toList());
    }
    return ResponseEntity.status(status).body(problem);
  }

  @ExceptionHandler(OverrideRefusedException.class)
  ResponseEntity<ProblemDetail> overrideRefused(
      OverrideRefusedException ex, HttpServletRequest request) {
    HttpStatus status =
        switch (ex.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
    problem.setTitle("Precheck override refused");
    problem.setInstance(URI.create(request.getRequestURI()));
    if (ex.field() != null) {
      problem.setProperty("field", ex.field());
      problem.setProperty(
          "errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
    }
    return ResponseEntity.status(status).body(problem);
  }

  private static String title(ConfirmationRefusedException.Kind kind) {
    switch (kind) {
      case TOKEN_INVALID:
        return "Invalid confirmation token";
      case TOPOLOGY_OR_PLAN_CHANGED:
        return "Changed since the confirmation was presented";
      case PRECHECKS_FAILED:
        return "Prechecks failed";
      case RESOURCE_BUSY:
        return "Resource busy";
      default:
        return "Not ready to start";
    }
  }
}
