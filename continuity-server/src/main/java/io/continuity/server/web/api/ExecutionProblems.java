package io.continuity.server.web.api;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.PolicyViolationException;
import io.continuity.core.approval.RefusalRule;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.server.execution.ExecutionBusyException;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.ExecutionTargetException;
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
 * Problem+json for the executions API's own failures. A refused command names its rule ({@code
 * rule}, a {@link RefusalRule} code), the {@code action} and the {@code executionId}, and where a
 * request field is at fault, the {@code field}: separation of duties and roles answer 403, a wrong
 * state 409, a missing ticket, reason or justification 422.
 */
@RestControllerAdvice(
    assignableTypes = {
      ExecutionsController.class,
      ExecutionRecoveryController.class,
      ExecutionRunController.class,
      EvidenceController.class
    })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExecutionProblems {

  @ExceptionHandler(CommandRefusedException.class)
  ResponseEntity<ProblemDetail> refused(CommandRefusedException ex, HttpServletRequest request) {
    HttpStatus status;
    String title;
    if (ex instanceof SeparationOfDutiesException) {
      status = HttpStatus.FORBIDDEN;
      title = "Forbidden by separation of duties";
    } else if (ex instanceof PolicyViolationException) {
      status = HttpStatus.UNPROCESSABLE_CONTENT;
      title = "Approval policy not satisfied";
    } else {
      status = HttpStatus.CONFLICT;
      title = "Not allowed in the current state";
    }
    ProblemDetail problem = problem(status, title, ex.getMessage(), request);
    problem.setProperty("rule", ex.rule().name());
    problem.setProperty("action", ex.action());
    problem.setProperty("executionId", ex.requestId());
    if (ex instanceof io.continuity.core.execution.OutsideWindowException outside) {
      problem.setProperty(
          "window",
          Map.of(
              "notBefore", outside.window().notBefore().toString(),
              "notAfter", outside.window().notAfter().toString()));
    }
    String field = fieldOf(ex);
    if (field != null) {
      fieldError(problem, field, ex.getMessage());
    }
    return ResponseEntity.status(status).body(problem);
  }

  @ExceptionHandler(ExecutionNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(
      ExecutionNotFoundException ex, HttpServletRequest request) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), request);
    problem.setProperty("executionId", ex.executionId());
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(ExecutionTargetException.class)
  ResponseEntity<ProblemDetail> target(ExecutionTargetException ex, HttpServletRequest request) {
    HttpStatus status = ex.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
    String title = ex.notFound() ? "Not found" : "Invalid request";
    ProblemDetail problem = problem(status, title, ex.getMessage(), request);
    fieldError(problem, ex.field(), ex.getMessage());
    return ResponseEntity.status(status).body(problem);
  }

  @ExceptionHandler(ExecutionBusyException.class)
  ResponseEntity<ProblemDetail> busy(ExecutionBusyException ex, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(problem(HttpStatus.CONFLICT, "Concurrent change", ex.getMessage(), request));
  }

  private static ProblemDetail problem(
      HttpStatus status, String title, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    return problem;
  }

  private static void fieldError(ProblemDetail problem, String field, String message) {
    problem.setProperty("field", field);
    problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
  }

  /** The request field a refusal is about, where one is. */
  private static String fieldOf(CommandRefusedException ex) {
    switch (ex.rule()) {
      case CHANGE_TICKET_REQUIRED:
      case CHANGE_TICKET_FORMAT:
        return "changeTicket";
      case BREAK_GLASS_JUSTIFICATION_REQUIRED:
        return ex.getMessage().contains("incident") ? "incidentRef" : "justification";
      case REASON_REQUIRED:
        switch (ex.action()) {
          case "reject":
            return "comment";
          case "reviewPostIncident":
            return "findings";
          default:
            return "reason";
        }
      default:
        return null;
    }
  }
}
