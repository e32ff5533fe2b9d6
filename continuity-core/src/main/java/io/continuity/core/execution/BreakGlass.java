package io.continuity.core.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An emergency skip of the remaining approvals, with who, why, which incident, and the
 * post-incident review once an uninvolved person has done it.
 */
public record BreakGlass(
    String invokedBy,
    String justification,
    String incidentRef,
    Instant at,
    Optional<PostIncidentReview> review) {

  public BreakGlass {
    Objects.requireNonNull(invokedBy, "invokedBy");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(incidentRef, "incidentRef");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(review, "review");
  }

  /** The review of a break-glass use by someone who was not involved. */
  public record PostIncidentReview(String reviewer, String findings, Instant at) {
    public PostIncidentReview {
      Objects.requireNonNull(reviewer, "reviewer");
      Objects.requireNonNull(findings, "findings");
      Objects.requireNonNull(at, "at");
    }
  }
}
