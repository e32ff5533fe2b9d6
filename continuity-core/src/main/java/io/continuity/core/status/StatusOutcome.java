package io.continuity.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The evaluated status of a resource or group at {@code evaluatedAt}, with its reasons ordered most
 * severe first and how fresh the evidence is.
 *
 * <p>Invariants (checked here, so no caller can build a false green):
 *
 * <ul>
 *   <li>{@code reasons} is never empty; {@code status} is the worst reason's severity (a GREEN
 *       outcome carries one informational reason of severity GREEN).
 *   <li>{@code visibility == LOST} is never GREEN.
 *   <li>{@code lastKnownStatus}/{@code lastKnownAt} are only present while visibility is LOST, and
 *       together: the status last seen with visibility and the time of the evidence behind it.
 *   <li>{@code lostSince} is present exactly while visibility is LOST: when the loss was first
 *       noticed, carried forward from one evaluation to the next.
 * </ul>
 *
 * @param subjectId a resource id or a group id
 */
public record StatusOutcome(
    String subjectId,
    Status status,
    List<Reason> reasons,
    Freshness freshness,
    Visibility visibility,
    Optional<Status> lastKnownStatus,
    Optional<Instant> lastKnownAt,
    Optional<Instant> lostSince,
    Instant evaluatedAt) {

  public StatusOutcome {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reasons, "reasons");
    Objects.requireNonNull(freshness, "freshness");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(lastKnownStatus, "lastKnownStatus");
    Objects.requireNonNull(lastKnownAt, "lastKnownAt");
    Objects.requireNonNull(lostSince, "lostSince");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    reasons = reasons.stream().sorted(Reason.MOST_SEVERE_FIRST).toList();
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("status of " + subjectId + " needs at least one reason");
    }
    if (reasons.get(0).severity() != status) {
      throw new IllegalArgumentException(
          "status of "
              + subjectId
              + " is "
              + status
              + " but its most severe reason is "
              + reasons.get(0).severity());
    }
    if (visibility == Visibility.LOST && status == Status.GREEN) {
      throw new IllegalArgumentException(
          subjectId + ": a status is never GREEN without visibility");
    }
    if (lastKnownStatus.isPresent() != lastKnownAt.isPresent()) {
      throw new IllegalArgumentException("lastKnownStatus and lastKnownAt go together");
    }
    if (visibility == Visibility.OK && (lastKnownStatus.isPresent() || lostSince.isPresent())) {
      throw new IllegalArgumentException(
          "lastKnownStatus, lastKnownAt and lostSince are only kept while visibility is LOST");
    }
    if (visibility == Visibility.LOST && lostSince.isEmpty()) {
      throw new IllegalArgumentException("an outcome without visibility needs lostSince");
    }
  }

  public boolean isVisible() {
    return visibility == Visibility.OK;
  }

  /** The most severe reason. */
  public Reason primaryReason() {
    return reasons.get(0);
  }
}
