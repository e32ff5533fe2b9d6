package io.continuity.server.execution;

/**
 * A precheck override that was not recorded: bad input (400, {@link #field()} names it), a person
 * who may not override (403, audited as a denied attempt), or a request or check where an override
 * makes no sense (409). Nothing changed.
 */
public class OverrideRefusedException extends RuntimeException {

  /** Why the override was refused. */
  public enum Kind {
    INVALID,
    FORBIDDEN,
    CONFLICT
  }

  private final Kind kind;
  private final String field;

  OverrideRefusedException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
