package io.continuity.core.status;

import io.continuity.core.inventory.Group;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status of a group from its members' outcomes: the worst member's status. Its reasons are the
 * worst members' own reasons (same code and evidence) with the member id before the message, then
 * one MEMBER_STATUS reason for each other member that is not GREEN. A member without an outcome
 * counts as NO_OBSERVATION with visibility lost, never as green. Freshness is the oldest member's
 * evidence; visibility is LOST when any member's is.
 */
public final class GroupStatusEvaluator {

  private final Clock clock;

  public GroupStatusEvaluator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param memberOutcomes the latest outcome per member resource id; entries for non-members are
   *     ignored
   * @throws IllegalArgumentException when an outcome is filed under another member's id
   */
  public StatusOutcome evaluate(Group group, Map<String, StatusOutcome> memberOutcomes) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(memberOutcomes, "memberOutcomes");
    Instant now = clock.instant();
    List<StatusOutcome> outcomes = new ArrayList<>();
    for (String member : group.members()) {
      StatusOutcome outcome = memberOutcomes.get(member);
      if (outcome != null && !outcome.subjectId().equals(member)) {
        throw new IllegalArgumentException(
            "outcome for " + outcome.subjectId() + " was filed under member " + member);
      }
      outcomes.add(outcome != null ? outcome : notEvaluated(member, now));
    }

    Status status =
        outcomes.stream().map(StatusOutcome::status).reduce(Status.GREEN, Status::worst);
    List<Reason> reasons = new ArrayList<>();
    for (StatusOutcome outcome : outcomes) {
      if (outcome.status() == status && status != Status.GREEN) {
        outcome.reasons().stream()
            .filter(r -> r.severity() == status)
            .map(r -> r.prefixed(outcome.subjectId() + ": "))
            .forEach(reasons::add);
      } else if (outcome.status() != Status.GREEN) {
        reasons.add(
            Reason.of(
                ReasonCode.MEMBER_STATUS,
                outcome.status(),
                EvidenceSource.GROUP_MEMBER,
                outcome.subjectId(),
                outcome.status(),
                outcome.primaryReason().message()));
      }
    }
    if (reasons.isEmpty()) {
      reasons.add(
          new Reason(
              ReasonCode.MEMBER_STATUS,
              Status.GREEN,
              "All " + outcomes.size() + " members are GREEN",
              EvidenceSource.GROUP_MEMBER));
    }

    Freshness freshness =
        outcomes.stream().map(StatusOutcome::freshness).reduce(Freshness::oldest).orElseThrow();
    List<StatusOutcome> lost = outcomes.stream().filter(o -> !o.isVisible()).toList();
    if (lost.isEmpty()) {
      return new StatusOutcome(
          group.id(),
          status,
          reasons,
          freshness,
          Visibility.OK,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          now);
    }
    return new StatusOutcome(
        group.id(),
        status,
        reasons,
        freshness,
        Visibility.LOST,
        lastKnownStatus(outcomes),
        lastKnownAt(lost),
        lost.stream().map(o -> o.lostSince().orElseThrow()).min(Comparator.naturalOrder()),
        now);
  }

  /**
   * The worst of what is known: visible members' statuses and lost members' last known statuses;
   * empty when any lost member has no last known status (the group's cannot be stated then).
   */
  private static Optional<Status> lastKnownStatus(List<StatusOutcome> outcomes) {
    Status worst = Status.GREEN;
    for (StatusOutcome outcome : outcomes) {
      Optional<Status> known =
          outcome.isVisible() ? Optional.of(outcome.status()) : outcome.lastKnownStatus();
      if (known.isEmpty()) {
        return Optional.empty();
      }
      worst = Status.worst(worst, known.get());
    }
    return Optional.of(worst);
  }

  /** The oldest last known time among lost members; empty when any of them has none. */
  private static Optional<Instant> lastKnownAt(List<StatusOutcome> lost) {
    if (lost.stream().anyMatch(o -> o.lastKnownAt().isEmpty())) {
      return Optional.empty();
    }
    return lost.stream().map(o -> o.lastKnownAt().orElseThrow()).min(Comparator.naturalOrder());
  }

  private static StatusOutcome notEvaluated(String member, Instant now) {
    return new StatusOutcome(
        member,
        Status.YELLOW,
        List.of(
            Reason.of(
                ReasonCode.NO_OBSERVATION,
                Status.YELLOW,
                EvidenceSource.GROUP_MEMBER,
                "member " + member + " has no status yet")),
        Freshness.missing(),
        Visibility.LOST,
        Optional.empty(),
        Optional.empty(),
        Optional.of(now),
        now);
  }
}
