package io.continuity.server.web.ui;

import io.continuity.connector.api.OperationType;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.server.execution.NewExecutionRequest;
import java.util.Optional;

/**
 * The fields of the new-request form as typed.
 *
 * @param target {@code resource:<id>} or {@code group:<id>}
 */
public record RequestForm(
    String type, String target, String targetSite, String changeTicket, String reason) {

  public RequestForm {
    type = type == null || type.isBlank() ? "SWITCHOVER" : type;
    target = target == null ? "" : target;
    targetSite = targetSite == null ? "" : targetSite;
    changeTicket = changeTicket == null ? "" : changeTicket;
    reason = reason == null ? "" : reason;
  }

  /** The operation type, or empty when the form names none the API knows. */
  Optional<OperationType> operation() {
    try {
      return Optional.of(OperationType.valueOf(type));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The scope named by {@link #target}, or empty when none is chosen. */
  Optional<ExecutionScope> scope() {
    if (target.startsWith("resource:") && target.length() > 9) {
      return Optional.of(ExecutionScope.resource(target.substring(9)));
    }
    if (target.startsWith("group:") && target.length() > 6) {
      return Optional.of(ExecutionScope.group(target.substring(6)));
    }
    return Optional.empty();
  }

  NewExecutionRequest toRequest(OperationType operation, ExecutionScope scope) {
    return new NewExecutionRequest(
        operation, scope, Optional.of(targetSite), Optional.of(changeTicket), reason);
  }
}
