package io.continuity.server.monitoring;

import io.continuity.core.inventory.Group;
import io.continuity.core.status.StatusOutcome;
import java.util.Objects;

/** A group and its status, computed on read from its members' latest outcomes. */
public record GroupStatus(Group group, StatusOutcome outcome) {

  public GroupStatus {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(outcome, "outcome");
  }
}
