package io.continuity.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.LossConclusion;
import io.continuity.connector.api.LossEvidence;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static OpTime at(long term, long secs, long inc) {
    return new OpTime(term, secs, inc, Optional.of(Instant.ofEpochSecond(secs)));
  }

  @Test
  void aSwitchoverIsCaughtUpOnlyWhenTheNewPrimaryHoldsTheFinalOptime() {
    OpTime fin = at(1, T0.getEpochSecond(), 5);

    LossEvidence proven = Evidence.switchover(fin, fin, "read after stepdown");
    LossEvidence behind = Evidence.switchover(at(1, T0.getEpochSecond(), 4), fin, "x");

    assertThat(proven.conclusion()).isEqualTo(LossConclusion.CAUGHT_UP);
    assertThat(proven.statement()).contains("caught up to marker OPTIME {ts: Timestamp(");
    assertThat(behind.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(behind.exact()).isTrue();
  }

  private static Optional<io.continuity.connector.api.ObservedMarker> seen(
      OpTime at, Instant when) {
    return Optional.of(new io.continuity.connector.api.ObservedMarker("east", at.marker(), when));
  }

  @Test
  void aFailoverBehindTheLastSeenPrimaryStatesARangeAndATimeButNoCount() {
    OpTime reached = at(1, T0.getEpochSecond(), 9);
    OpTime lastSeen = at(1, T0.getEpochSecond() + 12, 3);

    LossEvidence loss =
        Evidence.failover(
            reached, seen(lastSeen, T0.plusSeconds(13)), "monitoring", Optional.empty());

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.reached()).contains(reached.marker());
    assertThat(loss.lastPrimary()).contains(lastSeen.marker());
    assertThat(loss.primaryLastSeenAt()).contains(T0.plusSeconds(13));
    assertThat(loss.lossFrom())
        .as("commits after the target's last applied op may be lost")
        .contains(T0);
    assertThat(loss.unit()).as("optimes count nothing").isEmpty();
    assertThat(loss.atLeast()).isEmpty();
    assertThat(loss.atMost()).as("never an upper bound that is not one").isEmpty();
    assertThat(loss.exact()).isFalse();
    assertThat(loss.statement())
        .contains("writes from " + reached.value() + " to " + lastSeen.value())
        .contains("no upper bound")
        .contains("at least 12.0 s")
        .doesNotContain("caught up");
  }

  @Test
  void aFailoverAtTheLastSeenPrimaryStillCannotProveWhatCameAfterIt() {
    OpTime reached = at(1, T0.getEpochSecond(), 9);

    LossEvidence loss =
        Evidence.failover(reached, seen(reached, T0), "monitoring", Optional.empty());

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(loss.statement()).doesNotContain("caught up").contains("final position is unknown");
  }

  @Test
  void aFailoverWithNoPrimaryOptimeObservedIsMarkerUnavailable() {
    LossEvidence loss =
        Evidence.failover(
            at(1, T0.getEpochSecond(), 1), Optional.empty(), "monitoring", Optional.empty());

    assertThat(loss.conclusion()).isEqualTo(LossConclusion.MARKER_UNAVAILABLE);
    assertThat(loss.reached()).isPresent();
  }

  @Test
  void aFailoverWithTheOldPrimarysFinalOptimeIsExact() {
    OpTime fin = at(1, T0.getEpochSecond() + 3, 1);

    assertThat(
            Evidence.failover(fin, Optional.empty(), "monitoring", Optional.of(fin)).conclusion())
        .isEqualTo(LossConclusion.CAUGHT_UP);
    LossEvidence behind =
        Evidence.failover(
            at(1, T0.getEpochSecond(), 1), Optional.empty(), "monitoring", Optional.of(fin));
    assertThat(behind.conclusion()).isEqualTo(LossConclusion.POTENTIAL_LOSS);
    assertThat(behind.exact()).isTrue();
    assertThat(behind.finalPrimary()).contains(fin.marker());
  }
}
