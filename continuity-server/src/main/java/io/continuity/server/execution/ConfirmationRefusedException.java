package io.continuity.server.execution;

import java.util.List;

/**
 * A confirmation (or its dry run) that cannot go ahead: the token is invalid (400), the token's
 * claims no longer hold (409, {@link #changes()} says what changed), prechecks failed (409, {@link
 * #checks()} lists every check), or the request is not ready to start (409). Nothing changed.
 */
public class ConfirmationRefusedException extends RuntimeException {

  /** Why the confirmation was refused. */
  public enum Kind {
    TOKEN_INVALID,
    TOPOLOGY_OR_PLAN_CHANGED,
    PRECHECKS_FAILED,
    NOT_READY,
    RESOURCE_BUSY
  }

  private final Kind kind;
  private final List<String> changes;
  private final List<CheckResult> checks;

  public ConfirmationRefusedException(
      Kind kind, String message, List<String> changes, List<CheckResult> checks) {
    super(message);
    this.kind = kind;
    this.changes = List.copyOf(changes);
    this.checks = List.copyOf(checks);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> changes() {
    return changes;
  }

  public List<CheckResult> checks() {
    return checks;
  }
}
