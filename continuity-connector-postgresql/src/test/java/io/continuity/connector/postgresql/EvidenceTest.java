package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  private static final Instant SEEN = Instant.parse("2026-12-02T09:56:42.400Z");
  private static final Instant LAST_COMMIT = Instant.parse("2026-12-02T09:56:37.100Z");

  @Test
  void aStandbyPastWhereThePrimaryWasLastSeenIsNotCaughtUpWithoutTheFinalPosition() {
    LossEvidence loss =
        Evidence.failover(
            Optional.of(new Evidence.Seen(Lsn.parse("0/500"), SEEN, "seen by monitoring")),
            Optional.empty(),
            Lsn.parse("0/600"),
            Optional.of(LAST_COMMIT));

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.atLeast()).contains(BigInteger.ZERO);
    assertThat(loss.atMost()).as("no upper bound is known").isEmpty();
    assertThat(loss.exact()).isFalse();
    assertThat(loss.statement())
        .contains("final position is unknown")
        .contains("committed after " + LAST_COMMIT)
        .doesNotContain("up to")
        .doesNotContainIgnoringCase("caught up");
  }

  @Test
  void aStandbyBehindWhereThePrimaryWasLastSeenLostAtLeastTheDifference() {
    LossEvidence loss =
        Evidence.failover(
            Optional.of(new Evidence.Seen(Lsn.parse("0/1000"), SEEN, "seen by monitoring")),
            Optional.empty(),
            Lsn.parse("0/400"),
            Optional.of(LAST_COMMIT));

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.atLeast()).contains(BigInteger.valueOf(0xC00));
    assertThat(loss.atMost()).isEmpty();
    assertThat(loss.primaryLastSeenAt()).contains(SEEN);
    assertThat(loss.lossFrom()).contains(LAST_COMMIT);
    assertThat(loss.statement())
        .contains("at least 3072 bytes of WAL lost, from 0/400 to 0/1000")
        .doesNotContain("up to");
  }

  @Test
  void theFinalPositionMakesTheLossExact() {
    LossEvidence loss =
        Evidence.failover(
            Optional.of(new Evidence.Seen(Lsn.parse("0/1000"), SEEN, "seen by monitoring")),
            Optional.of(new Evidence.Final(Lsn.parse("0/1800"), "read from its WAL")),
            Lsn.parse("0/400"),
            Optional.of(LAST_COMMIT));

    assertThat(loss.exact()).isTrue();
    assertThat(loss.atLeast()).contains(BigInteger.valueOf(0x1400));
    assertThat(loss.atMost()).contains(BigInteger.valueOf(0x1400));
    assertThat(loss.statement()).startsWith("lost 5120 bytes of WAL, from 0/400 to 0/1800");
  }

  @Test
  void aTargetAtTheFinalPositionIsProvenCaughtUp() {
    LossEvidence loss =
        Evidence.failover(
            Optional.empty(),
            Optional.of(new Evidence.Final(Lsn.parse("0/1800"), "read from its WAL")),
            Lsn.parse("0/1800"),
            Optional.empty());

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
    assertThat(loss.exact()).isTrue();
  }

  @Test
  void withoutAnyPrimaryPositionTheMarkerIsUnavailable() {
    LossEvidence loss =
        Evidence.failover(Optional.empty(), Optional.empty(), Lsn.parse("0/400"), Optional.empty());

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
    assertThat(loss.atLeast()).isEmpty();
    assertThat(loss.reached()).isPresent();
  }
}
