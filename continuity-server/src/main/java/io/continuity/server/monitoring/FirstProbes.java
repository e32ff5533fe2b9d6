package io.continuity.server.monitoring;

import io.continuity.core.inventory.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * When each resource is first probed after this instance starts probing (at start-up or on taking
 * the prober lease over): a resource without evidence for an interval or more is overdue and is
 * probed at once, the oldest evidence first, spread over a quarter of the smallest interval so a
 * large estate does not burst; one with newer evidence when the last prober would have probed it
 * next (its evidence plus its interval); one never observed at a random offset within its interval.
 */
final class FirstProbes {

  private final MonitoringProperties properties;
  private final UnaryOperator<Duration> randomBelow;

  /**
   * @param randomBelow a random duration below the given one (the spread of never-observed ones)
   */
  FirstProbes(MonitoringProperties properties, UnaryOperator<Duration> randomBelow) {
    this.properties = properties;
    this.randomBelow = randomBelow;
  }

  /** The first due time per resource id, in the order they fall due. */
  Map<String, Instant> plan(
      List<Resource> resources, Function<String, Optional<Instant>> evidenceAt, Instant now) {
    Map<String, Instant> due = new LinkedHashMap<>();
    List<Map.Entry<String, Instant>> overdue = new ArrayList<>();
    for (Resource resource : resources) {
      Duration interval = properties.intervalFor(resource.tier());
      Optional<Instant> evidence = evidenceAt.apply(resource.id());
      if (evidence.isEmpty()) {
        due.put(resource.id(), now.plus(randomBelow.apply(interval)));
      } else if (evidence.get().plus(interval).isAfter(now)) {
        due.put(resource.id(), evidence.get().plus(interval));
      } else {
        overdue.add(Map.entry(resource.id(), evidence.get()));
      }
    }
    overdue.sort(Map.Entry.comparingByValue());
    Duration window = properties.smallestInterval().dividedBy(4);
    for (int i = 0; i < overdue.size(); i++) {
      due.put(overdue.get(i).getKey(), now.plus(window.multipliedBy(i).dividedBy(overdue.size())));
    }
    Map<String, Instant> ordered = new LinkedHashMap<>();
    due.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }
}
