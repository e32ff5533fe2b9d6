package io.continuity.server.web.ui;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.SeparationOfDutiesException;
import io.continuity.server.execution.ExecutionNotFoundException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of console pages as pages (the API's problem+json handler would answer JSON): a missing
 * item 404, a refused command with the service's own words, anything else 500 with a reference to
 * find in the log, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  @ExceptionHandler(ResponseStatusException.class)
  ModelAndView status(ResponseStatusException e) {
    return page(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
  }

  @ExceptionHandler(ExecutionNotFoundException.class)
  ModelAndView notFound(ExecutionNotFoundException e) {
    return page(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(CommandRefusedException.class)
  ModelAndView refused(CommandRefusedException e) {
    return page(
        e instanceof SeparationOfDutiesException ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
        e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    log.error("Console page failed (reference {})", reference, e);
    return page(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side (reference " + reference + " in the server log).");
  }

  static ModelAndView page(HttpStatus status, String message) {
    ModelAndView view = new ModelAndView("error-page");
    view.setStatus(status);
    view.addObject("status", status.value());
    view.addObject("title", status.getReasonPhrase());
    view.addObject("message", message == null ? status.getReasonPhrase() : message);
    return view;
  }
}
