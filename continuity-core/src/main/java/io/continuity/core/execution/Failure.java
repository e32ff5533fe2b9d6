package io.continuity.core.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Why a run failed, at which step if any, and when. */
public record Failure(String reason, Optional<String> stepId, Instant at) {

  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(at, "at");
  }
}
