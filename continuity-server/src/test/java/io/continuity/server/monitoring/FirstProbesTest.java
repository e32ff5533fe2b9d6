package io.continuity.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.core.inventory.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first probes after becoming the prober: the oldest evidence first, nothing overdue waits. */
class FirstProbesTest {

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(4);

  final MonitoringProperties properties =
      new MonitoringProperties(
          true,
          new MonitoringProperties.Intervals(INTERVAL, INTERVAL),
          Duration.ofSeconds(1),
          4,
          4,
          null,
          null,
          MonitoringProperties.Retention.defaults(),
          Duration.ofSeconds(15),
          Duration.ofSeconds(2));
  final FirstProbes firstProbes = new FirstProbes(properties, bound -> bound.dividedBy(2));

  @Test
  void overdueResourcesAreProbedAtOnceOldestEvidenceFirst() {
    Map<String, Instant> evidence =
        Map.of(
            "recent", NOW.minusSeconds(1),
            "old", NOW.minusSeconds(20),
            "oldest", NOW.minusSeconds(60),
            "older", NOW.minusSeconds(30));

    Map<String, Instant> due = plan(List.of("recent", "old", "oldest", "older", "new"), evidence);

    assertThat(due.keySet()).containsExactly("oldest", "older", "old", "new", "recent");
    assertThat(due.get("oldest")).isEqualTo(NOW);
    assertThat(due.get("old"))
        .as("overdue ones spread over a quarter interval")
        .isBefore(NOW.plus(INTERVAL.dividedBy(4)));
    assertThat(due.get("recent"))
        .as("when the last prober would have probed it next")
        .isEqualTo(NOW.minusSeconds(1).plus(INTERVAL));
    assertThat(due.get("new"))
        .as("never observed: within its interval")
        .isEqualTo(NOW.plusSeconds(2));
  }

  private Map<String, Instant> plan(List<String> ids, Map<String, Instant> evidence) {
    List<Resource> resources =
        ids.stream().map(id -> MonitoringFixtures.simulated(id, "steady")).toList();
    return firstProbes.plan(resources, id -> Optional.ofNullable(evidence.get(id)), NOW);
  }
}
