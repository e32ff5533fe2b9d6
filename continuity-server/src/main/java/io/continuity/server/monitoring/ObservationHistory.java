package io.continuity.server.monitoring;

import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the stored observation history of a resource, newest first. */
public class ObservationHistory {

  /** Most observations one call returns. */
  public static final int MAX_LIMIT = 1000;

  private final ObservationRepository repository;

  ObservationHistory(ObservationRepository repository) {
    this.repository = repository;
  }

  /**
   * Observations with {@code from <= observedAt < to}, newest first, at most {@code limit}.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to} or the limit is
   *     outside 1..{@link #MAX_LIMIT}
   */
  public List<StoredObservation> find(String resourceId, Instant from, Instant to, int limit) {
    Objects.requireNonNull(resourceId, "resourceId");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    return repository.find(resourceId, from, to, limit);
  }

  /**
   * The last primary marker monitoring stored for a resource, with the site it was seen on and
   * when: what every instance passes to a step (a failover's evidence must not depend on which
   * instance probes).
   */
  public Optional<ObservedMarker> lastPrimaryMarker(String resourceId) {
    return repository
        .lastWithPrimaryMarker(resourceId)
        .flatMap(o -> o.result())
        .flatMap(ObservationHistory::observedMarker);
  }

  private static Optional<ObservedMarker> observedMarker(ProbeResult result) {
    if (result.primaryMarker().isEmpty() || result.primarySite().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ObservedMarker(
            result.primarySite().get(), result.primaryMarker().get(), result.observedAt()));
  }
}
