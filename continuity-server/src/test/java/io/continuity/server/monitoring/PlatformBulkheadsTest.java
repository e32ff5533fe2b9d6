package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformBulkheadsTest {

  private final PlatformBulkheads bulkheads = new PlatformBulkheads(2);
  private final List<String> started = new ArrayList<>();

  private void submit(Platform platform, String probe) {
    bulkheads.submit(platform, () -> started.add(probe));
  }

  @Test
  void aFullPlatformQueuesItsProbesInsteadOfDroppingThem() {
    submit(Platform.SIMULATED, "a");
    submit(Platform.SIMULATED, "b");
    submit(Platform.SIMULATED, "c");

    assertThat(started).containsExactly("a", "b");
    assertThat(bulkheads.inFlight(Platform.SIMULATED)).isEqualTo(2);
    assertThat(bulkheads.waiting(Platform.SIMULATED)).isEqualTo(1);
  }

  @Test
  void aReturnedPermitStartsTheNextWaitingProbeInOrder() {
    for (String probe : List.of("a", "b", "c", "d")) {
      submit(Platform.SIMULATED, probe);
    }

    bulkheads.leave(Platform.SIMULATED);
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(bulkheads.inFlight(Platform.SIMULATED)).isEqualTo(2);

    bulkheads.leave(Platform.SIMULATED);
    bulkheads.leave(Platform.SIMULATED);
    bulkheads.leave(Platform.SIMULATED);
    assertThat(started).containsExactly("a", "b", "c", "d");
    assertThat(bulkheads.inFlight(Platform.SIMULATED)).isZero();
    assertThat(bulkheads.waiting(Platform.SIMULATED)).isZero();
  }

  @Test
  void oneFullPlatformNeverHoldsBackAnother() {
    submit(Platform.SIMULATED, "stuck-1");
    submit(Platform.SIMULATED, "stuck-2");
    submit(Platform.SIMULATED, "stuck-3");

    submit(Platform.POSTGRESQL, "pg-1");

    assertThat(started).containsExactly("stuck-1", "stuck-2", "pg-1");
    assertThat(bulkheads.waiting(Platform.POSTGRESQL)).isZero();
  }
}
