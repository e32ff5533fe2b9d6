package io.continuity.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  @Test
  void standbyPastTheLastObservedPrimaryIsCaughtUp() {
    assertThat(Evidence.conclude(Optional.of(Lsn.parse("0/500")), Lsn.parse("0/600")))
        .containsEntry(Facts.CONCLUSION, Facts.CAUGHT_UP)
        .containsEntry(Facts.POTENTIAL_LOSS_BYTES, "0");
  }

  @Test
  void standbyBehindGivesTheLossWindowInBytes() {
    var facts = Evidence.conclude(Optional.of(Lsn.parse("0/1000")), Lsn.parse("0/400"));

    assertThat(facts)
        .containsEntry(Facts.CONCLUSION, Facts.POTENTIAL_LOSS)
        .containsEntry(Facts.POTENTIAL_LOSS_BYTES, Long.toString(0xC00));
    assertThat(facts.get(Facts.EVIDENCE)).contains("up to 3072 bytes").contains("0/1000");
  }

  @Test
  void noObservedPrimaryMeansMarkerUnavailableNeverZeroLoss() {
    var facts = Evidence.conclude(Optional.empty(), Lsn.parse("0/400"));

    assertThat(facts).containsEntry(Facts.CONCLUSION, Facts.MARKER_UNAVAILABLE);
    assertThat(facts).doesNotContainKey(Facts.POTENTIAL_LOSS_BYTES);
  }
}
