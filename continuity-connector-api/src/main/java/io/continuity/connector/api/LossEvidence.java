package io.continuity.connector.api;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a role change proves about lost writes, separating the proven from the unknown (design §5):
 *
 * <ul>
 *   <li>{@code reached}: the marker the target had applied when it took over;
 *   <li>{@code lastPrimary} / {@code primaryLastSeenAt}: the old primary's position when it was
 *       last seen (by monitoring or by the step), a lower bound of where it got;
 *   <li>{@code finalPrimary}: the old primary's final position when it is known (its shutdown
 *       checkpoint, its data directory read afterwards); only then is the loss {@code exact};
 *   <li>{@code lossFrom}: transactions committed after this instant (the last one the target
 *       applied) may be lost;
 *   <li>{@code atLeast} / {@code atMost}: the window in {@code unit}s (bytes of WAL, log bytes);
 *       {@code atMost} is empty when no upper bound is known, never a guess; both are empty when
 *       the platform's positions do not count anything ({@code unit} empty).
 * </ul>
 *
 * <p>{@code statement} is the connector's sentence for operators; the engine never prints "up to"
 * for a figure that is not an upper bound.
 */
public record LossEvidence(
    LossConclusion conclusion,
    Optional<ReplicationMarker> reached,
    Optional<ReplicationMarker> lastPrimary,
    Optional<Instant> primaryLastSeenAt,
    Optional<ReplicationMarker> finalPrimary,
    Optional<Instant> lossFrom,
    Optional<BigInteger> atLeast,
    Optional<BigInteger> atMost,
    Optional<String> unit,
    boolean exact,
    String statement) {

  public LossEvidence {
    Objects.requireNonNull(conclusion, "conclusion");
    reached = orEmpty(reached);
    lastPrimary = orEmpty(lastPrimary);
    primaryLastSeenAt = orEmpty(primaryLastSeenAt);
    finalPrimary = orEmpty(finalPrimary);
    lossFrom = orEmpty(lossFrom);
    atLeast = orEmpty(atLeast);
    atMost = orEmpty(atMost);
    unit = orEmpty(unit);
    Objects.requireNonNull(statement, "statement");
    if (exact && finalPrimary.isEmpty()) {
      throw new IllegalArgumentException("an exact loss needs the old primary's final position");
    }
    if (conclusion == LossConclusion.CAUGHT_UP && reached.isEmpty()) {
      throw new IllegalArgumentException("caught up needs the marker the target reached");
    }
    if (atLeast.isPresent() && atMost.isPresent() && atLeast.get().compareTo(atMost.get()) > 0) {
      throw new IllegalArgumentException("the loss window's lower bound exceeds its upper bound");
    }
  }

  /** Proven: the target reached {@code finalPrimary}, the old primary's final position. */
  public static LossEvidence caughtUp(
      ReplicationMarker reached, ReplicationMarker finalPrimary, String how) {
    if (!reached.hasReached(finalPrimary)) {
      throw new IllegalArgumentException(
          "target at " + reached + " has not reached the final position " + finalPrimary);
    }
    return new LossEvidence(
        LossConclusion.CAUGHT_UP,
        Optional.of(reached),
        Optional.of(finalPrimary),
        Optional.empty(),
        Optional.of(finalPrimary),
        Optional.empty(),
        Optional.of(BigInteger.ZERO),
        Optional.of(BigInteger.ZERO),
        Optional.empty(),
        true,
        "caught up to marker "
            + reached
            + " (the old primary's final position "
            + finalPrimary
            + ", "
            + how
            + ")");
  }

  /**
   * The old primary's final position is known and the target did not reach it: exactly {@code lost}
   * units were lost.
   */
  public static LossEvidence exactLoss(
      ReplicationMarker reached,
      ReplicationMarker finalPrimary,
      BigInteger lost,
      String unit,
      Optional<ObservedMarker> lastSeen,
      Optional<Instant> lossFrom,
      String how) {
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached),
        lastSeen.map(ObservedMarker::marker),
        lastSeen.map(ObservedMarker::observedAt),
        Optional.of(finalPrimary),
        lossFrom,
        Optional.of(lost),
        Optional.of(lost),
        Optional.of(unit),
        true,
        "lost "
            + lost
            + " "
            + unit
            + ", from "
            + reached.value()
            + " to "
            + finalPrimary.value()
            + " (the old primary's final position, "
            + how
            + ")"
            + window(lossFrom, "are lost"));
  }

  /**
   * Only a lower bound is known: where the old primary was last seen ({@code seenBy} says by whom),
   * never where it stopped; no upper bound is claimed.
   *
   * @param atLeast the units between the target's position and the last seen one, when the
   *     platform's positions count something; empty otherwise
   */
  public static LossEvidence lowerBound(
      ReplicationMarker reached,
      ObservedMarker lastSeen,
      String seenBy,
      Optional<BigInteger> atLeast,
      Optional<String> unit,
      Optional<Instant> lossFrom) {
    ReplicationMarker seen = lastSeen.marker();
    String where =
        seen.value()
            + " where the primary was last seen at "
            + lastSeen.observedAt()
            + " ("
            + seenBy
            + ")";
    String proven;
    if (atLeast.isPresent() && atLeast.get().signum() > 0) {
      proven =
          "at least "
              + atLeast.get()
              + " "
              + unit.orElse("units")
              + " lost, from "
              + reached.value()
              + " to "
              + where;
    } else if (!reached.isComparableWith(seen) || reached.hasReached(seen)) {
      proven = "the target reached " + reached.value() + ", at or past " + where;
    } else {
      proven = "writes from " + reached.value() + " to " + where + " are lost";
    }
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached),
        Optional.of(seen),
        Optional.of(lastSeen.observedAt()),
        Optional.empty(),
        lossFrom,
        atLeast,
        Optional.empty(),
        unit,
        false,
        proven
            + "; the primary may have kept running after it was last seen: its final position is"
            + " unknown, so no upper bound can be given"
            + window(lossFrom, "may be lost"));
  }

  /** No position of the old primary: completeness cannot be proven, what the target reached is. */
  public static LossEvidence unavailable(
      ReplicationMarker reached, Optional<String> unit, Optional<Instant> lossFrom, String why) {
    return new LossEvidence(
        LossConclusion.MARKER_UNAVAILABLE,
        Optional.of(reached),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        lossFrom,
        Optional.empty(),
        Optional.empty(),
        unit,
        false,
        "marker unavailable: "
            + why
            + ", so completeness cannot be proven; the target reached "
            + reached.value()
            + window(lossFrom, "may be lost"));
  }

  private static String window(Optional<Instant> lossFrom, String verdict) {
    return lossFrom
        .map(
            t ->
                "; transactions committed after "
                    + t
                    + " (the last one the target applied) "
                    + verdict)
        .orElse("; the commit time of the last transaction the target applied is unknown");
  }

  /** No marker: completeness cannot be proven. */
  public static LossEvidence unavailable(String why) {
    return new LossEvidence(
        LossConclusion.MARKER_UNAVAILABLE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        "marker unavailable: unable to prove completeness; " + why);
  }

  /** True when {@code atMost} is a real upper bound of the loss. */
  public boolean bounded() {
    return atMost.isPresent();
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
