package io.continuity.connector.mongodb;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
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
   * A forced failover's conclusion.
   *
   * @param reached the target's applied optime when it took over
   * @param lastPrimary the highest primary optime observed (by monitoring or by this run)
   * @param lastSeenAt when that optime was observed
   * @param finalPrimary the old primary's final optime, when it was read after it stopped writing
   */
  static LossEvidence failover(
      OpTime reached,
      Optional<OpTime> lastPrimary,
      Optional<Instant> lastSeenAt,
      Optional<OpTime> finalPrimary) {
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
          lastSeenAt,
          Optional.of(finalPrimary.get().marker()),
          Optional.of(reached.time()),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          true,
          "loss: oplog entries after optime "
              + reached
              + " (applied on the target, written at "
              + reached.time()
              + ") up to the old primary's final optime "
              + finalPrimary.get()
              + " ("
              + seconds(reached, finalPrimary.get())
              + ")");
    }
    if (lastPrimary.isEmpty()) {
      return LossEvidence.unavailable(
          "no primary optime was observed by monitoring or by this run; the target reached "
              + reached
              + " (written at "
              + reached.time()
              + ")");
    }
    OpTime last = lastPrimary.get();
    String seen = lastSeenAt.map(t -> " at " + t).orElse("");
    if (reached.hasReached(last)) {
      return new LossEvidence(
          LossConclusion.POTENTIAL_LOSS,
          Optional.of(reached.marker()),
          Optional.of(last.marker()),
          lastSeenAt,
          Optional.empty(),
          Optional.of(reached.time()),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          false,
          "potential loss after optime "
              + reached
              + " (written at "
              + reached.time()
              + "): the target holds everything up to the last primary optime observed, "
              + last
              + seen
              + "; what the old primary acknowledged after that cannot be proven either way");
    }
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached.marker()),
        Optional.of(last.marker()),
        lastSeenAt,
        Optional.empty(),
        Optional.of(reached.time()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        "potential loss: oplog entries after optime "
            + reached
            + " (written at "
            + reached.time()
            + ") up to at least "
            + last
            + ", the primary's optime observed"
            + seen
            + " ("
            + seconds(reached, last)
            + " of writes at least); the old primary may have written more after that");
  }

  private static String seconds(OpTime from, OpTime to) {
    Duration d = Duration.between(from.time(), to.time());
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    return d.toMillis() / 1000.0 + " s";
  }
}
