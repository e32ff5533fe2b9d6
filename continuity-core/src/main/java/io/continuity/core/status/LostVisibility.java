package io.continuity.core.status;

import io.continuity.connector.api.ProbeResult;
import io.continuity.core.inventory.Resource;
import io.continuity.core.inventory.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome while a resource cannot be seen. It keeps the last known status and its time: from
 * the previous outcome (its status if it had visibility, else its own last known status), or from a
 * stale result judged as at its own time, whichever is newer.
 *
 * <p>Status while lost is YELLOW, and RED when the last known status was RED, when an
 * authentication failure hides a site, or for tier 1 once the loss lasts longer than the RPO
 * target. The loss is measured from the newest successful evidence (how long nothing newer can be
 * vouched for), or from {@code lostSince} when there has never been evidence. Never GREEN.
 */
final class LostVisibility {

  private final Resource resource;
  private final Optional<StatusOutcome> previous;
  private final Instant now;
  private final Duration threshold;

  LostVisibility(
      Resource resource, Optional<StatusOutcome> previous, Instant now, Duration threshold) {
    this.resource = resource;
    this.previous = previous;
    this.now = now;
    this.threshold = threshold;
  }

  /**
   * @param why what was lost, for the VISIBILITY_LOST message
   * @param causes the reasons that caused the loss (probe failure, unreachable sites)
   * @param staleResult a result that had evidence but is now older than the threshold
   */
  StatusOutcome outcome(String why, List<Reason> causes, Optional<ProbeResult> staleResult) {
    Optional<Instant> evidenceAt =
        newest(staleResult.map(ProbeResult::observedAt), previousEvidence());
    Freshness freshness =
        evidenceAt.map(t -> Freshness.of(t, now, threshold)).orElseGet(Freshness::missing);
    Optional<Known> lastKnown = newerKnown(fromPrevious(), staleResult.map(this::judgeAsAt));
    Instant lostSince =
        previous.filter(p -> !p.isVisible()).flatMap(StatusOutcome::lostSince).orElse(now);
    Duration loss = Duration.between(evidenceAt.orElse(lostSince), now);
    if (loss.isNegative()) {
      loss = Duration.ZERO;
    }

    Status status = Status.YELLOW;
    boolean tierOneOverRpo =
        resource.tier() == Tier.TIER_1 && loss.compareTo(resource.rpo().target()) > 0;
    boolean lastKnownRed = lastKnown.map(k -> k.status == Status.RED).orElse(false);
    boolean authFailed = causes.stream().anyMatch(r -> r.code() == ReasonCode.AUTH_FAILED);
    if (tierOneOverRpo || lastKnownRed || authFailed) {
      status = Status.RED;
    }

    StringBuilder message = new StringBuilder(why);
    message
        .append("; no evidence for ")
        .append(Durations.human(loss))
        .append(evidenceAt.map(t -> " (newest evidence at " + t + ")").orElse(" (none ever)"));
    lastKnown.ifPresentOrElse(
        k -> message.append("; last known ").append(k.status).append(" at ").append(k.at),
        () -> message.append("; no last known status"));
    if (tierOneOverRpo) {
      message
          .append("; tier 1 loss longer than the RPO target ")
          .append(Durations.human(resource.rpo().target()));
    }
    List<Reason> reasons = new ArrayList<>(causes);
    reasons.add(
        Reason.of(ReasonCode.VISIBILITY_LOST, status, EvidenceSource.PROBE, message.toString()));
    return new StatusOutcome(
        resource.id(),
        status,
        reasons,
        freshness,
        Visibility.LOST,
        lastKnown.map(k -> k.status),
        lastKnown.map(k -> k.at),
        Optional.of(lostSince),
        now);
  }

  private Optional<Instant> previousEvidence() {
    return previous.flatMap(p -> p.freshness().observedAt());
  }

  private Optional<Known> fromPrevious() {
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    StatusOutcome p = previous.get();
    if (p.isVisible()) {
      return Optional.of(new Known(p.status(), p.freshness().observedAt().orElse(p.evaluatedAt())));
    }
    return p.lastKnownStatus().map(s -> new Known(s, p.lastKnownAt().orElseThrow()));
  }

  /** What a stale result said when it was fresh: its site and indicator reasons at its time. */
  private Known judgeAsAt(ProbeResult result) {
    List<Reason> reasons = new ArrayList<>(SiteChecks.of(resource, result).reasons());
    reasons.addAll(IndicatorRules.evaluate(resource, result, result.observedAt()));
    Status status = reasons.stream().map(Reason::severity).reduce(Status.GREEN, Status::worst);
    return new Known(status, result.observedAt());
  }

  private static Optional<Known> newerKnown(Optional<Known> a, Optional<Known> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return b.get().at.isAfter(a.get().at) ? b : a;
  }

  private static Optional<Instant> newest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isAfter(b.get()) ? a : b;
  }

  private record Known(Status status, Instant at) {}
}
