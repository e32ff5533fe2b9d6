package io.continuity.core.audit;

import io.continuity.connector.api.OperationType;
import io.continuity.core.inventory.Tier;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person created an execution request; {@code state} is where it landed (PENDING_APPROVAL, or
 * APPROVED when policy needs no approval). {@code reason} is the requester's reason.
 */
public record RequestCreated(
    ExecutionSubject subject,
    String actor,
    Instant at,
    String reason,
    OperationType operation,
    String targetSite,
    Tier tier,
    String state,
    int approvalsRequired,
    Optional<String> retryOf)
    implements ExecutionAuditEvent {

  public RequestCreated {
    reason = Events.check(subject, actor, at, reason);
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(targetSite, "targetSite");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(retryOf, "retryOf");
  }

  @Override
  public String type() {
    return "REQUEST_CREATED";
  }

  @Override
  public Map<String, String> details() {
    Events.Builder builder =
        Events.details(subject)
            .put("operation", operation)
            .put("targetSite", targetSite)
            .put("tier", tier.number())
            .put("state", state)
            .put("approvalsRequired", approvalsRequired);
    retryOf.ifPresent(id -> builder.put("retryOf", id));
    return builder.build();
  }
}
