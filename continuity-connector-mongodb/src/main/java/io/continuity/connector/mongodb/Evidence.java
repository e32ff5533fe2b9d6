package io.continuity.connector.mongodb;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The data-loss conclusions of this connector, stated conservatively (design §5, brief §1.3). Loss
 * in optimes is a range and a time, never a count: optimes do not count bytes or operations, so
 * {@code unit}, {@code atLeast} and {@code atMost} stay empty.
 */
final class Evidence {

  private Evidence() {}

  /** A switchover's proof: the new primary holds the old primary's final optime. */
  static LossEvidence switchover(OpTime reached, OpTime finalPrimary, String how) {
    if (reached.hasReached(finalPrimary)) {
      return LossEvidence.caughtUp(reached.marker(), finalPrimary.marker(), how);
    }
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached.marker()),
        Optional.of(finalPrimary.marker()),
        Optional.empty(),
        Optional.of(finalPrimary.marker()),
        Optional.of(reached.time()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true,
        "loss: the new primary holds optime "
            + reached
            + " but the old primary's final optime is "
            + finalPrimary
            + "; its oplog entries after "
            + reached
            + " up to "
            + finalPrimary
            + " ("
            + seconds(reached, finalPrimary)
            + ") are not on the new primary and will be rolled back when it rejoins");
  }

  /**
   * A forced failover's conclusion, in the shared wording of {@link LossEvidence}'s factories.
   *
   * @param reached the target's applied optime when it took over
   * @param lastSeen the highest primary optime observed (by monitoring or by this run), and when
   * @param seenBy who observed it
   * @param finalPrimary the old primary's final optime, when it was read after it stopped writing
   */
  static LossEvidence failover(
      OpTime reached,
      Optional<ObservedMarker> lastSeen,
      String seenBy,
      Optional<OpTime> finalPrimary) {
    Optional<Instant> lossFrom = Optional.of(reached.time());
    if (finalPrimary.isPresent()) {
      if (reached.hasReached(finalPrimary.get())) {
        return LossEvidence.caughtUp(
            reached.marker(),
            finalPrimary.get().marker(),
            "read on the old primary after it stopped taking writes");
      }
      return new LossEvidence(
          LossConclusion.POTENTIAL_LOSS,
          Optional.of(reached.marker()),
          Optional.of(finalPrimary.get().marker()),
          lastSeen.map(ObservedMarker::observedAt),
          Optional.of(finalPrimary.get().marker()),
          lossFrom,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          true,
          "lost: oplog entries from "
              + reached.value()
              + " to the old primary's final optime "
              + finalPrimary.get().value()
              + " ("
              + seconds(reached, finalPrimary.get())
              + " of writes)");
    }
    Optional<OpTime> last = lastSeen.flatMap(m -> OpTime.of(m.marker()));
    if (lastSeen.isEmpty() || last.isEmpty()) {
      return LossEvidence.unavailable(
          reached.marker(),
          Optional.empty(),
          lossFrom,
          "no primary optime was observed by monitoring or by this run");
    }
    LossEvidence bound =
        LossEvidence.lowerBound(
            reached.marker(), lastSeen.get(), seenBy, Optional.empty(), Optional.empty(), lossFrom);
    if (reached.hasReached(last.get())) {
      return bound;
    }
    return withStatement(
        bound,
        bound.statement()
            + "; those oplog entries span at least "
            + seconds(reached, last.get())
            + " of writes");
  }

  private static LossEvidence withStatement(LossEvidence e, String statement) {
    return new LossEvidence(
        e.conclusion(),
        e.reached(),
        e.lastPrimary(),
        e.primaryLastSeenAt(),
        e.finalPrimary(),
        e.lossFrom(),
        e.atLeast(),
        e.atMost(),
        e.unit(),
        e.exact(),
        statement);
  }

  private static String seconds(OpTime from, OpTime to) {
    Duration d = Duration.between(from.time(), to.time());
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    return d.toMillis() / 1000.0 + " s";
  }
}
