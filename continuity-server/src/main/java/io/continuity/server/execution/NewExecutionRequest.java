package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.core.execution.ExecutionWindow;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person asks for, before the inventory is consulted: {@link ExecutionRequests#create}
 * resolves the tier and the target site from it.
 *
 * @param targetSite a site name or a role word ({@code primary}, {@code dr}); empty means the site
 *     that is not primary now
 * @param window the maintenance window the request is for, if any (decision 029)
 */
public record NewExecutionRequest(
    OperationType type,
    ExecutionScope scope,
    Optional<String> targetSite,
    Optional<String> changeTicket,
    String reason,
    Optional<ExecutionWindow> window) {

  /** A request without a maintenance window. */
  public NewExecutionRequest(
      OperationType type,
      ExecutionScope scope,
      Optional<String> targetSite,
      Optional<String> changeTicket,
      String reason) {
    this(type, scope, targetSite, changeTicket, reason, Optional.empty());
  }

  public NewExecutionRequest {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scope, "scope");
    targetSite = targetSite.map(String::strip).filter(site -> !site.isEmpty());
    changeTicket = changeTicket.map(String::strip).filter(ticket -> !ticket.isEmpty());
  }
}
