package io.continuity.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One approver's decision on an execution request.
 *
 * @param actor the approver's user id (a person, never a system actor)
 * @param decision approved or rejected
 * @param comment the approver's words; may be empty for an approval, never for a rejection
 * @param at when the decision was recorded
 */
public record Approval(String actor, Decision decision, String comment, Instant at) {

  public Approval {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(decision, "decision");
    comment = comment == null ? "" : comment;
    Objects.requireNonNull(at, "at");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("approval actor must not be blank");
    }
  }

  public boolean approved() {
    return decision == Decision.APPROVED;
  }
}
