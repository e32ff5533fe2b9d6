package io.continuity.connector.simulated;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ReplicationMarker;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A simulated failover's loss evidence, stated the way a real connector must: exact only when the
 * old primary could be read at the fence (its final position is known), otherwise a lower bound
 * from where monitoring last saw the primary, and no upper bound.
 */
final class SimulatedLoss {

  static final String UNIT = "bytes";

  private SimulatedLoss() {}

  static LossEvidence failover(
      long applied,
      OptionalLong finalPosition,
      Optional<ObservedMarker> lastSeen,
      WriteStream stream) {
    ReplicationMarker reached = WriteStream.marker(applied);
    Optional<java.time.Instant> from = Optional.of(stream.timeOf(applied));
    String window = "; writes after " + from.get() + " (the last the target applied) may be lost";
    if (finalPosition.isPresent()) {
      ReplicationMarker end = WriteStream.marker(finalPosition.getAsLong());
      if (applied >= finalPosition.getAsLong()) {
        return LossEvidence.caughtUp(reached, end, "the fenced old primary was read at the fence");
      }
      BigInteger lost = BigInteger.valueOf(finalPosition.getAsLong() - applied);
      return new LossEvidence(
          LossConclusion.POTENTIAL_LOSS,
          Optional.of(reached),
          lastSeen.map(ObservedMarker::marker),
          lastSeen.map(ObservedMarker::observedAt),
          Optional.of(end),
          from,
          Optional.of(lost),
          Optional.of(lost),
          Optional.of(UNIT),
          true,
          "lost "
              + lost
              + " "
              + UNIT
              + ", from "
              + reached.value()
              + " to "
              + end.value()
              + " (the old primary's final position, read at the fence)"
              + window);
    }
    if (lastSeen.isEmpty()) {
      return new LossEvidence(
          LossConclusion.MARKER_UNAVAILABLE,
          Optional.of(reached),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          from,
          Optional.empty(),
          Optional.empty(),
          Optional.of(UNIT),
          false,
          "marker unavailable: the old primary's position was never observed; the target reached "
              + reached.value()
              + window);
    }
    ObservedMarker seen = lastSeen.get();
    long atLeast = Math.max(0, seen.marker().position().longValue() - applied);
    return new LossEvidence(
        LossConclusion.POTENTIAL_LOSS,
        Optional.of(reached),
        Optional.of(seen.marker()),
        Optional.of(seen.observedAt()),
        Optional.empty(),
        from,
        Optional.of(BigInteger.valueOf(atLeast)),
        Optional.empty(),
        Optional.of(UNIT),
        false,
        "at least "
            + atLeast
            + " "
            + UNIT
            + " lost, from "
            + reached.value()
            + " to "
            + seen.marker().value()
            + " where the primary was last seen at "
            + seen.observedAt()
            + "; its final position is unknown, so no upper bound can be given"
            + window);
  }
}
