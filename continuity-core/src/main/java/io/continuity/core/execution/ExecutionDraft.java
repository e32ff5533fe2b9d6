package io.continuity.core.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.core.inventory.Tier;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person asks for, before policy checks: the DRAFT state of a request. {@link
 * ExecutionRequest#create} turns it into a request.
 *
 * @param id the new request's id, chosen by the caller (for example a UUID)
 * @param type failover, switchover, drill or failback
 * @param scope the resource or group to act on
 * @param targetSite the site that should be primary afterwards (for a drill: the site drilled)
 * @param tier the tier of the scope, which selects the approval policy
 * @param changeTicket the change ticket reference, when there is one
 * @param reason why, in the requester's words; required
 * @param window the maintenance window, when the request is for one (decision 029)
 */
public record ExecutionDraft(
    String id,
    OperationType type,
    ExecutionScope scope,
    String targetSite,
    Tier tier,
    Optional<String> changeTicket,
    String reason,
    Optional<ExecutionWindow> window) {

  /** A draft without a maintenance window. */
  public ExecutionDraft(
      String id,
      OperationType type,
      ExecutionScope scope,
      String targetSite,
      Tier tier,
      Optional<String> changeTicket,
      String reason) {
    this(id, type, scope, targetSite, tier, changeTicket, reason, Optional.empty());
  }

  public ExecutionDraft {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(targetSite, "targetSite");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(changeTicket, "changeTicket");
    reason = reason == null ? "" : reason;
    if (id.isBlank()) {
      throw new IllegalArgumentException("execution request id must not be blank");
    }
    if (targetSite.isBlank()) {
      throw new IllegalArgumentException("execution request " + id + " needs a target site");
    }
    changeTicket = changeTicket.map(String::strip).filter(ticket -> !ticket.isEmpty());
  }
}
