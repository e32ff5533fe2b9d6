package io.continuity.server.web.api;

import io.continuity.core.status.Reason;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.monitoring.GroupStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Maps monitoring's read model to the status API's response records, ages taken at {@code now}. */
final class StatusViews {

  private StatusViews() {}

  static ResourceStatusView resource(ResourceStatus status, Instant now) {
    return resource(status, now, Optional.empty());
  }

  static ResourceStatusView resource(
      ResourceStatus status, Instant now, Optional<ExecutionDoubt> doubt) {
    StatusOutcome outcome = status.outcome();
    boolean lost = !outcome.isVisible();
    return new ResourceStatusView(
        status.resource().id(),
        outcome.status().name(),
        reasons(outcome),
        outcome.freshness().observedAt().map(at -> ageSeconds(at, now)).orElse(null),
        outcome.visibility().name(),
        lost ? outcome.lastKnownStatus().map(Enum::name).orElse(null) : null,
        lost ? outcome.lastKnownAt().map(at -> ageSeconds(at, now)).orElse(null) : null,
        status.resource().tier().number(),
        status.resource().platform().name(),
        status.lagTime().map(d -> d.toNanos() / 1e9).orElse(null),
        status.lagBytes().isPresent() ? status.lagBytes().getAsLong() : null,
        status.resource().rpo().target().toSeconds(),
        doubt.map(ExecutionDoubtController.DoubtView::of).orElse(null));
  }

  static GroupStatusView group(GroupStatus status, Instant now) {
    StatusOutcome outcome = status.outcome();
    boolean lost = !outcome.isVisible();
    return new GroupStatusView(
        status.group().id(),
        outcome.status().name(),
        reasons(outcome),
        outcome.freshness().observedAt().map(at -> ageSeconds(at, now)).orElse(null),
        outcome.visibility().name(),
        lost ? outcome.lastKnownStatus().map(Enum::name).orElse(null) : null,
        lost ? outcome.lastKnownAt().map(at -> ageSeconds(at, now)).orElse(null) : null,
        status.group().tier().number(),
        status.group().members());
  }

  private static List<ReasonView> reasons(StatusOutcome outcome) {
    return outcome.reasons().stream().map(StatusViews::reason).toList();
  }

  private static ReasonView reason(Reason reason) {
    return new ReasonView(
        reason.code().name(),
        reason.severity().name(),
        reason.message(),
        reason.evidence().label());
  }

  private static long ageSeconds(Instant at, Instant now) {
    Duration age = Duration.between(at, now);
    return age.isNegative() ? 0 : age.toSeconds();
  }
}
