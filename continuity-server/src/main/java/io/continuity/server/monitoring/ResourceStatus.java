package io.continuity.server.monitoring;

import io.continuity.connector.api.ProbeResult;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.StatusOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The latest status of one resource: its definition, its outcome and the lag the newest probe
 * reported (empty when that probe failed, reported none, or none ran since the server started).
 */
public record ResourceStatus(
    Resource resource, StatusOutcome outcome, OptionalLong lagBytes, Optional<Duration> lagTime) {

  public ResourceStatus {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(lagBytes, "lagBytes");
    Objects.requireNonNull(lagTime, "lagTime");
  }

  static ResourceStatus of(Resource resource, StatusOutcome outcome, Optional<ProbeResult> result) {
    return new ResourceStatus(
        resource,
        outcome,
        result.map(r -> r.lag().bytes()).orElse(OptionalLong.empty()),
        result.flatMap(r -> r.lag().time()));
  }
}
