package io.continuity.core.status;

import static io.continuity.core.status.StatusFixtures.T0;
import static io.continuity.core.status.StatusFixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.continuity.connector.api.ProbeResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationTest {

  @Test
  void successfulObservationTakesTheResultsTime() {
    ProbeResult result = healthy(T0).build();

    Observation observation = Observation.of("orders-db", result);

    assertThat(observation.observedAt()).isEqualTo(T0);
    assertThat(observation.succeeded()).isTrue();
    assertThat(observation.failure()).isEmpty();
  }

  @Test
  void failureMessageIsScrubbedOfSecrets() {
    Observation observation =
        Observation.failed(
            "orders-db",
            T0,
            "FATAL: password=hunter2 rejected for postgresql://app:s3cr3t@db.example:5432/orders");

    assertThat(observation.failure().orElseThrow())
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t")
        .contains("FATAL", "db.example");
  }

  @Test
  void thrownErrorKeepsItsClassAndScrubbedMessage() {
    Observation observation =
        Observation.failed("orders-db", T0, new IllegalStateException("token=abc123 expired"));

    assertThat(observation.failure().orElseThrow())
        .startsWith("IllegalStateException: token=")
        .doesNotContain("abc123");
  }

  @Test
  void longFailureMessageIsShortened() {
    Observation observation = Observation.failed("orders-db", T0, "x".repeat(5_000));

    assertThat(observation.failure().orElseThrow()).hasSize(Observation.MAX_FAILURE_LENGTH);
  }

  @Test
  void observationNeedsExactlyOneOfResultOrFailure() {
    assertThatThrownBy(() -> new Observation("orders-db", T0, Optional.empty(), Optional.empty()))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () ->
                new Observation(
                    "orders-db", T0, Optional.of(healthy(T0).build()), Optional.of("boom")))
        .hasMessageContaining("exactly one");
  }

  @Test
  void observedAtMustMatchTheResult() {
    assertThatThrownBy(
            () ->
                new Observation(
                    "orders-db",
                    T0.plusSeconds(1),
                    Optional.of(healthy(T0).build()),
                    Optional.empty()))
        .hasMessageContaining("observedAt must be the probe result's observedAt");
  }
}
