package io.continuity.connector.postgresql;

import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The data-loss evidence of a promotion, separating the proven from the unknown (design §5): the
 * position the target reached, where the old primary was last seen (a lower bound of where it got),
 * its final position when its WAL could be read afterwards (then the loss is exact), and the time
 * after which commits may be lost (the last transaction the target replayed). A figure is called an
 * upper bound only when it is one.
 */
final class Evidence {

  static final String UNIT = "bytes of WAL";

  private Evidence() {}

  /** Where the old primary was seen, when, and by whom (monitoring, or this run's fence step). */
  record Seen(Lsn lsn, Instant at, String by) {}

  /** The old primary's final WAL position, read from its data directory after it stopped. */
  record Final(Lsn lsn, String how) {}

  /** A switchover's proof: the target replayed the old primary's final position. */
  static LossEvidence switchover(Lsn reached, Lsn finalLsn, String finalKind) {
    return LossEvidence.caughtUp(
        reached.marker(),
        finalLsn.marker(),
        "the target replayed the old primary's " + finalKind + " before it was promoted");
  }

  /**
   * A failover's evidence.
   *
   * @param reached how far the promoted target got (its receive/replay position at promotion)
   * @param lastCommit the commit time of the last transaction the target replayed, if known
   */
  static LossEvidence failover(
      Optional<Seen> lastSeen,
      Optional<Final> finalPosition,
      Lsn reached,
      Optional<Instant> lastCommit) {
    Optional<ObservedMarker> seen =
        lastSeen.map(s -> new ObservedMarker("old primary", s.lsn().marker(), s.at()));
    if (finalPosition.isPresent()) {
      Final end = finalPosition.get();
      if (reached.isAtOrAfter(end.lsn())) {
        return LossEvidence.caughtUp(reached.marker(), end.lsn().marker(), end.how());
      }
      return LossEvidence.exactLoss(
          reached.marker(),
          end.lsn().marker(),
          BigInteger.valueOf(end.lsn().bytesAfter(reached)),
          UNIT,
          seen,
          lastCommit,
          end.how());
    }
    if (lastSeen.isEmpty()) {
      return LossEvidence.unavailable(
          reached.marker(),
          Optional.of(UNIT),
          lastCommit,
          "no position of the old primary was ever observed");
    }
    return LossEvidence.lowerBound(
        reached.marker(),
        seen.get(),
        lastSeen.get().by(),
        Optional.of(BigInteger.valueOf(lastSeen.get().lsn().bytesAfter(reached))),
        Optional.of(UNIT),
        lastCommit);
  }
}
