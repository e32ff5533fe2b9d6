package io.continuity.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The execution request an audit event is about: its id, the resource or group it acts on and its
 * change ticket, repeated on every event so each stands on its own in the trail.
 */
public record ExecutionSubject(
    String executionId,
    Optional<String> resourceId,
    Optional<String> groupId,
    Optional<String> changeTicket) {

  public ExecutionSubject {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(changeTicket, "changeTicket");
    if (executionId.isBlank()) {
      throw new IllegalArgumentException("execution id must not be blank");
    }
    if (resourceId.isPresent() == groupId.isPresent()) {
      throw new IllegalArgumentException(
          "execution " + executionId + " acts on exactly one resource or one group");
    }
  }
}
