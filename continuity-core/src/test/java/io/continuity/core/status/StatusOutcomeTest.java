package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusOutcomeTest {

  private static final Reason INFO =
      new Reason(
          ReasonCode.REPLICATION_HEALTHY, Status.GREEN, "fine", EvidenceSource.PLATFORM_MARKER);
  private static final Reason WARN =
      new Reason(ReasonCode.LAG_WARN, Status.YELLOW, "lag", EvidenceSource.PLATFORM_LAG);
  private static final Reason BROKEN =
      new Reason(ReasonCode.REPLICATION_BROKEN, Status.RED, "broken", EvidenceSource.PROBE);
  private static final Freshness FRESH =
      Freshness.of(T0, T0.plusSeconds(1), Duration.ofSeconds(45));

  private static StatusOutcome visible(Status status, List<Reason> reasons) {
    return new StatusOutcome(
        "orders-db",
        status,
        reasons,
        FRESH,
        Visibility.OK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        T0);
  }

  @Test
  void statusGreenWithoutVisibilityCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new StatusOutcome(
                    "orders-db",
                    Status.GREEN,
                    List.of(INFO),
                    FRESH,
                    Visibility.LOST,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(T0),
                    T0))
        .hasMessageContaining("never GREEN without visibility");
  }

  @Test
  void statusMustBeItsWorstReason() {
    assertThatThrownBy(() -> visible(Status.GREEN, List.of(INFO, WARN)))
        .hasMessageContaining("most severe reason is YELLOW");
  }

  @Test
  void outcomeNeedsAReason() {
    assertThatThrownBy(() -> visible(Status.GREEN, List.of()))
        .hasMessageContaining("at least one reason");
  }

  @Test
  void reasonsAreSortedMostSevereFirst() {
    StatusOutcome outcome = visible(Status.RED, List.of(WARN, BROKEN));

    assertThat(outcome.reasons()).containsExactly(BROKEN, WARN);
    assertThat(outcome.primaryReason()).isEqualTo(BROKEN);
  }

  @Test
  void lastKnownStatusIsOnlyKeptWhileVisibilityIsLost() {
    assertThatThrownBy(
            () ->
                new StatusOutcome(
                    "orders-db",
                    Status.YELLOW,
                    List.of(WARN),
                    FRESH,
                    Visibility.OK,
                    Optional.of(Status.GREEN),
                    Optional.of(T0),
                    Optional.empty(),
                    T0))
        .hasMessageContaining("only kept while visibility is LOST");
  }

  @Test
  void missingEvidenceIsAlwaysStale() {
    assertThatThrownBy(() -> new Freshness(Optional.empty(), Optional.empty(), false))
        .hasMessageContaining("always stale");
  }

  @Test
  void evidenceFromTheFutureCountsAsAgeZero() {
    Freshness freshness = Freshness.of(T0.plusSeconds(10), T0, Duration.ofSeconds(45));

    assertThat(freshness.age()).contains(Duration.ZERO);
    assertThat(freshness.stale()).isFalse();
  }

  @Test
  void worstIsTheMoreSevereStatus() {
    assertThat(Status.worst(Status.GREEN, Status.YELLOW)).isEqualTo(Status.YELLOW);
    assertThat(Status.worst(Status.RED, Status.YELLOW)).isEqualTo(Status.RED);
    assertThat(Status.worst(Status.GREEN, Status.GREEN)).isEqualTo(Status.GREEN);
    assertThat(Status.RED.isWorseThan(Status.YELLOW)).isTrue();
    assertThat(Status.GREEN.isWorseThan(Status.GREEN)).isFalse();
  }

  @Test
  void everyReasonCodeTemplateFormatsWithoutLeftoverPlaceholders() {
    for (ReasonCode code : ReasonCode.values()) {
      String text = code.format("a", "b", "c", "d");

      assertThat(text).as(code.name()).doesNotContain("%s").isNotBlank();
    }
  }
}
