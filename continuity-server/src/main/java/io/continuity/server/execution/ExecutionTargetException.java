package io.continuity.server.execution;

/**
 * The resource, group or site a new request names cannot be used: it does not exist ({@link
 * #notFound()}, answered 404) or does not fit (answered 400). {@link #field()} names the request
 * field to fix.
 */
public class ExecutionTargetException extends RuntimeException {

  private final String field;
  private final boolean notFound;

  private ExecutionTargetException(String field, boolean notFound, String message) {
    super(message);
    this.field = field;
    this.notFound = notFound;
  }

  static ExecutionTargetException unknown(String field, String what, String id) {
    return new ExecutionTargetException(
        field,
        true,
        what + " '" + id + "' is not in the inventory; use the id of a " + what + " listed there");
  }

  static ExecutionTargetException invalid(String field, String message) {
    return new ExecutionTargetException(field, false, message);
  }

  public String field() {
    return field;
  }

  public boolean notFound() {
    return notFound;
  }
}
