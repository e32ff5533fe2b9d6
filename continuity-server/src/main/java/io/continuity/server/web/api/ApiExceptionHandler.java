package io.continuity.server.web.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of a controller into RFC 9457 {@code application/problem+json} whose detail
 * says what to fix. Bad input is always a 4xx naming the field or parameter; anything unexpected is
 * a 500 that is logged with a reference id and shows the client no stack trace or class name.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> handleApiException(ApiException ex, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    problem.setTitle(ex.title());
    if (ex instanceof BadRequestException bad && bad.field() != null) {
      problem.setProperty("field", bad.field());
      problem.setProperty("errors", List.of(fieldError(bad.field(), ex.getMessage())));
    }
    return handleExceptionInternal(ex, problem, new HttpHeaders(), ex.status(), request);
  }

  /** Security decisions inside controllers belong to Spring Security's own handling. */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void rethrowSecurity(RuntimeException ex) {
    throw ex;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    String reference = UUID.randomUUID().toString();
    log.error(
        "Unexpected failure (reference {}) for {}", reference, request.getDescription(false), ex);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The server failed unexpectedly. Report reference " + reference + " to the operators.");
    problem.setTitle("Internal error");
    problem.setProperty("reference", reference);
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    JsonProblems.BodyProblem body = JsonProblems.problem(ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, body.detail());
    problem.setTitle(body.title());
    if (body.field() != null) {
      problem.setProperty("field", body.field());
      problem.setProperty("errors", List.of(fieldError(body.field(), body.detail())));
    }
    if (!body.allowed().isEmpty()) {
      problem.setProperty("allowedFields", body.allowed());
    }
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
    String detail =
        "parameter '" + name + "' must be " + TypeHints.expected(ex.getRequiredType()) + ".";
    return badRequest(ex, headers, status, request, "Invalid parameter", name, detail);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String name = ex.getParameterName();
    String detail =
        "parameter '"
            + name
            + "' is required: add ?"
            + name
            + "=<"
            + ex.getParameterType()
            + "> to the request.";
    return badRequest(ex, headers, status, request, "Missing parameter", name, detail);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.add(fieldError(error.getField(), error.getDefaultMessage()));
    }
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> errors.add(fieldError(e.getObjectName(), e.getDefaultMessage())));
    return validationProblem(ex, headers, status, request, errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result -> {
              String name = result.getMethodParameter().getParameterName();
              for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fe ? fe.getField() : name;
                errors.add(fieldError(field, error.getDefaultMessage()));
              }
            });
    return validationProblem(ex, headers, status, request, errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            "Content-Type '"
                + ex.getContentType()
                + "' is not supported here; send one of "
                + ex.getSupportedMediaTypes()
                + ".");
    problem.setTitle("Unsupported media type");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  private ResponseEntity<Object> validationProblem(
      Exception ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request,
      List<Map<String, String>> errors) {
    StringBuilder detail = new StringBuilder("Fix these fields: ");
    for (int i = 0; i < errors.size(); i++) {
      Map<String, String> e = errors.get(i);
      detail.append(i == 0 ? "" : "; ").append(e.get("field")).append(' ').append(e.get("message"));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail + ".");
    problem.setTitle("Validation failed");
    problem.setProperty("errors", errors);
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  private ResponseEntity<Object> badRequest(
      Exception ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request,
      String title,
      String field,
      String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setProperty("field", field);
    problem.setProperty("errors", List.of(fieldError(field, detail)));
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
      String path = request.getDescription(false).replaceFirst("^uri=", "");
      problem.setInstance(URI.create(path.isEmpty() ? "/" : path));
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  private static Map<String, String> fieldError(String field, String message) {
    return Map.of("field", field, "message", message == null ? "is invalid" : message);
  }
}
