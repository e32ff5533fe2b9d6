package io.continuity.server.monitoring;

import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;
import io.continuity.core.status.Visibility;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Published (as a Spring application event) when a resource's status or visibility changes, for
 * notifications and the UI. {@code previousStatus}/{@code previousVisibility} are empty for a
 * resource's first outcome.
 *
 * @param outcome the new outcome, with its reasons and freshness
 */
public record ResourceStatusChanged(
    String resourceId,
    Optional<Status> previousStatus,
    Optional<Visibility> previousVisibility,
    StatusOutcome outcome,
    Instant at) {

  public ResourceStatusChanged {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(previousStatus, "previousStatus");
    Objects.requireNonNull(previousVisibility, "previousVisibility");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
  }

  public Status status() {
    return outcome.status();
  }

  public Visibility visibility() {
    return outcome.visibility();
  }

  /** True when the change between two outcomes is worth an event and a history row. */
  static boolean isChange(Optional<StatusOutcome> previous, StatusOutcome current) {
    return previous.isEmpty()
        || previous.get().status() != current.status()
        || previous.get().visibility() != current.visibility();
  }
}
