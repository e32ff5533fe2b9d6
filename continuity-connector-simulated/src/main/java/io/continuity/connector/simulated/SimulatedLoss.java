package io.continuity.connector.simulated;

import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.ReplicationMarker;
import java.math.BigInteger;
import java.time.Instant;
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
    Optional<Instant> from = Optional.of(stream.timeOf(applied));
    if (finalPosition.isPresent()) {
      ReplicationMarker end = WriteStream.marker(finalPosition.getAsLong());
      String how = "read at the fence";
      if (applied >= finalPosition.getAsLong()) {
        return LossEvidence.caughtUp(reached, end, how);
      }
      return LossEvidence.exactLoss(
          reached,
          end,
          BigInteger.valueOf(finalPosition.getAsLong() - applied),
          UNIT,
          lastSeen,
          from,
          how);
    }
    if (lastSeen.isEmpty()) {
      return LossEvidence.unavailable(
          reached, Optional.of(UNIT), from, "the old primary's position was never observed");
    }
    long atLeast = Math.max(0, lastSeen.get().marker().position().longValue() - applied);
    return LossEvidence.lowerBound(
        reached,
        lastSeen.get(),
        "seen by monitoring",
        Optional.of(BigInteger.valueOf(atLeast)),
        Optional.of(UNIT),
        from);
  }
}
