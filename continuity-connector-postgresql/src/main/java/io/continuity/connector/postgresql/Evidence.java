package io.continuity.connector.postgresql;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
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
    String window =
        lastCommit
            .map(
                t ->
                    "; transactions committed after "
                        + t
                        + " (the last one the target applied) may be lost")
            .orElse("; the commit time of the last transaction the target applied is unknown");
    if (finalPosition.isPresent()) {
      Final end = finalPosition.get();
      if (reached.isAtOrAfter(end.lsn())) {
        return LossEvidence.caughtUp(reached.marker(), end.lsn().marker(), end.how());
      }
      BigInteger lost = BigInteger.valueOf(end.lsn().bytesAfter(reached));
      return new LossEvidence(
          LossConclusion.POTENTIAL_LOSS,
          Optional.of(reached.marker()),
          lastSeen.map(s -> s.lsn().marker()),
          lastSeen.map(Seen::at),
          Optional.of(end.lsn().marker()),
          lastCommit,
          Optional.of(lost),
          Optional.of(lost),
          Optional.of(UNIT),
          true,
          "lost "
              + lost
              + " "
              + UNIT
              + ", from "
              + reached
              + " to "
              + end.lsn()
              + " (the old primary's final position, "
              + end.how()
              + ")"
              + window.replace("may be lost", "are lost"));
    }
    if (lastSeen.isEmpty()) {
      return new LossEvidence(
          LossConclusion.MARKER_UNAVAILABLE,
          Optional.of(reached.marker()),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          lastCommit,
          Optional.empty(),
          Optional.empty(),
          Optional.of(UNIT),
          false,
          "marker unavailable: no position of the old primary was ever observed, so completeness"
              + " cannot be proven; the target reached "
              + reached
              + window);
    }
    Seen seen = lastSeen.get();
    BigInteger atLeast = BigInteger.valueOf(seen.lsn().bytesAfter(reached));
    String proven =
        atLeast.signum() > 0
            ? "at least "
                + atLeast
                + " "
                + UNIT
                + " lost, from "
                + reached
                + " to "
                + seen.lsn()
                + " where the primary was last seen at "
                + seen.at()
                + " ("
                + seen.by()
                + ")"
            : "the target reached "
                + reached
                + ", at or past "
                + seen.lsn()
                + " where the primary was last seen at "
                + seen.at()
                + " ("
                + seen.by()
                + ")";
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached.marker()),
        Optional.of(seen.lsn().marker()),
        Optional.of(seen.at()),
        Optional.empty(),
        lastCommit,
        Optional.of(atLeast),
        Optional.empty(),
        Optional.of(UNIT),
        false,
        proven
            + "; the primary may have kept running after it was last seen: its final position is"
            + " unknown, so no upper bound can be given"
            + window);
  }
}
