package io.continuity.server.monitoring;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.GroupStatusEvaluator;
import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.inventory.Inventory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read side of monitoring for the API and UI: the latest status of every resource (from memory,
 * judged on no evidence when none was ever recorded: never green) and group statuses computed on
 * read with the core {@link GroupStatusEvaluator}.
 */
public class MonitoringStatus {

  private final Inventory inventory;
  private final LatestOutcomes latest;
  private final StatusRecorder recorder;
  private final GroupStatusEvaluator groups;

  MonitoringStatus(
      Inventory inventory, LatestOutcomes latest, StatusRecorder recorder, Clock clock) {
    this.inventory = inventory;
    this.latest = latest;
    this.recorder = recorder;
    this.groups = new GroupStatusEvaluator(clock);
  }

  /** Every resource in the inventory with its latest status. */
  public List<ResourceStatus> resources() {
    return inventory.resources().stream().map(this::statusOf).toList();
  }

  /** The latest status of one resource; empty when it is not in the inventory. */
  public Optional<ResourceStatus> resource(String id) {
    return inventory.resource(id).map(this::statusOf);
  }

  /** The status of every group, from its members' latest outcomes. */
  public List<GroupStatus> groups() {
    return groups(resources());
  }

  /** The status of every group, from the given resource statuses (one consistent read). */
  public List<GroupStatus> groups(List<ResourceStatus> resources) {
    Map<String, StatusOutcome> outcomes = new HashMap<>();
    for (ResourceStatus status : resources) {
      outcomes.put(status.resource().id(), status.outcome());
    }
    return inventory.groups().stream()
        .map(g -> new GroupStatus(g, groups.evaluate(g, outcomes)))
        .toList();
  }

  /** The status of one group; empty when it is not in the inventory. */
  public Optional<GroupStatus> group(String id) {
    Optional<Group> group = inventory.group(id);
    if (group.isEmpty()) {
      return Optional.empty();
    }
    Map<String, StatusOutcome> outcomes = new HashMap<>();
    for (String member : group.get().members()) {
      resource(member).ifPresent(s -> outcomes.put(member, s.outcome()));
    }
    return Optional.of(new GroupStatus(group.get(), groups.evaluate(group.get(), outcomes)));
  }

  /**
   * The observation the latest outcome of a resource was judged on (with its probe result: markers,
   * lag, heartbeat); empty when none was made since the server started.
   */
  public Optional<Observation> latestObservation(String resourceId) {
    return latest.observation(resourceId);
  }

  private ResourceStatus statusOf(Resource resource) {
    StatusOutcome outcome =
        latest.outcome(resource.id()).orElseGet(() -> recorder.unobserved(resource));
    Optional<Observation> observation = latest.observation(resource.id());
    return ResourceStatus.of(resource, outcome, observation.flatMap(Observation::result));
  }
}
