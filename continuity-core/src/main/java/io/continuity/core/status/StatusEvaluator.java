package io.continuity.core.status;

import io.continuity.connector.api.ProbeResult;
import io.continuity.core.inventory.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the latest observation of a resource into its status (safety invariant 6: never GREEN on
 * stale, missing or unproven evidence).
 *
 * <p>With a fresh probe result where at least one site answered, visibility is OK and the status is
 * the worst of the connectivity reasons (one site unreachable: YELLOW, partial visibility;
 * authentication failed: RED) and the indicator rules (lag against the RPO thresholds, replication
 * state, markers, heartbeat, health). GREEN needs both sites reachable, streaming or catching-up
 * replication, lag within warn, both markers, a fresh heartbeat when one is configured, and
 * HEALTHY.
 *
 * <p>Visibility is LOST when there is no observation, the probe failed or timed out, no site
 * answered, or the result is older than the staleness threshold. See {@link LostVisibility} for the
 * status while lost.
 *
 * <p>Thread-safe; holds no state between calls: the caller passes the previous outcome back in.
 */
public final class StatusEvaluator {

  /** Three missed probes at the default 15 s interval. */
  public static final Duration DEFAULT_STALENESS_THRESHOLD = Duration.ofSeconds(45);

  private final Clock clock;
  private final Duration stalenessThreshold;

  /**
   * @param stalenessThreshold evidence older than this is stale and visibility is LOST
   */
  public StatusEvaluator(Clock clock, Duration stalenessThreshold) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stalenessThreshold = Objects.requireNonNull(stalenessThreshold, "stalenessThreshold");
    if (stalenessThreshold.isNegative() || stalenessThreshold.isZero()) {
      throw new IllegalArgumentException(
          "staleness threshold must be positive (for example 3 probe intervals), got "
              + stalenessThreshold);
    }
  }

  /** An evaluator with {@link #DEFAULT_STALENESS_THRESHOLD}. */
  public static StatusEvaluator withDefaults(Clock clock) {
    return new StatusEvaluator(clock, DEFAULT_STALENESS_THRESHOLD);
  }

  public Duration stalenessThreshold() {
    return stalenessThreshold;
  }

  /**
   * The status of {@code resource} now.
   *
   * @param latest the newest observation of this resource, if any
   * @param previous this resource's previous outcome, if any: supplies the last known status and
   *     the time visibility was lost when visibility is lost now
   * @throws IllegalArgumentException when the observation or the previous outcome belongs to
   *     another resource
   */
  public StatusOutcome evaluate(
      Resource resource, Optional<Observation> latest, Optional<StatusOutcome> previous) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(previous, "previous");
    latest.ifPresent(o -> requireSubject(resource, o.resourceId(), "observation"));
    previous.ifPresent(p -> requireSubject(resource, p.subjectId(), "previous outcome"));
    Instant now = clock.instant();
    LostVisibility lost = new LostVisibility(resource, previous, now, stalenessThreshold);

    if (latest.isEmpty()) {
      return lost.outcome(
          "no probe of this resource has completed",
          List.of(
              Reason.of(
                  ReasonCode.NO_OBSERVATION,
                  Status.YELLOW,
                  EvidenceSource.PROBE,
                  "no probe of this resource has completed yet")),
          Optional.empty());
    }
    Observation observation = latest.get();
    if (observation.result().isEmpty()) {
      String failure = observation.failure().orElse("unknown failure");
      return lost.outcome(
          "the last probe failed",
          List.of(Reason.of(ReasonCode.PROBE_FAILED, Status.YELLOW, EvidenceSource.PROBE, failure)),
          Optional.empty());
    }
    ProbeResult result = observation.result().get();
    SiteChecks sites = SiteChecks.of(resource, result);
    if (!sites.anyReachable()) {
      return lost.outcome("no site answered the last probe", sites.reasons(), Optional.empty());
    }
    Freshness freshness = Freshness.of(result.observedAt(), now, stalenessThreshold);
    if (freshness.stale()) {
      return lost.outcome(
          "the newest evidence is older than the staleness threshold "
              + Durations.human(stalenessThreshold),
          List.of(),
          Optional.of(result));
    }
    List<Reason> reasons = new ArrayList<>(sites.reasons());
    reasons.addAll(IndicatorRules.evaluate(resource, result, now));
    if (reasons.isEmpty()) {
      reasons.add(IndicatorRules.healthy(result));
    }
    Status status = reasons.stream().map(Reason::severity).reduce(Status.GREEN, Status::worst);
    return new StatusOutcome(
        resource.id(),
        status,
        reasons,
        freshness,
        Visibility.OK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now);
  }

  private static void requireSubject(Resource resource, String subjectId, String what) {
    if (!resource.id().equals(subjectId)) {
      throw new IllegalArgumentException(
          "the " + what + " is for " + subjectId + ", not for resource " + resource.id());
    }
  }
}
