package io.continuity.server.monitoring;

import io.continuity.core.inventory.Group;
import io.continuity.core.inventory.Resource;
import io.continuity.core.status.GroupStatusEvaluator;
import io.continuity.core.status.Observation;
import io.continuity.core.status.StatusOutcome;
import io.continuity.server.inventory.Inventory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read side of monitoring for the API and UI: the latest status of every resource (from memory,
 * judged on no evidence when none was ever recorded: never green) and group statuses computed on
 * read with the core {@link GroupStatusEvaluator}. Every outcome it returns went through the {@link
 * ReadTimeJudge}: judged against the clock now, so evidence older than its staleness threshold is
 * never GREEN here, on whichever instance, however long ago the prober stopped (safety invariant
 * 6). On an instance that does not probe, the reads of one resource ({@link #resource}, {@link
 * #latestObservation}: what the execution engine's prechecks and confirmation claims read) go to
 * the store, so they never lag behind what the prober wrote and a claim made on one instance is
 * never newer than the same read on another.
 */
public class MonitoringStatus {

  private static final Logger log = LoggerFactory.getLogger(MonitoringStatus.class);

  private final Inventory inventory;
  private final ReadTimeJudge judge;
  private final GroupStatusEvaluator groups;
  private final BooleanSupplier probesHere;
  private final StoreReads store;

  MonitoringStatus(
      Inventory inventory,
      ReadTimeJudge judge,
      Clock clock,
      BooleanSupplier probesHere,
      StoreReads store) {
    this.inventory = inventory;
    this.judge = judge;
    this.groups = new GroupStatusEvaluator(clock);
    this.probesHere = probesHere;
    this.store = store;
  }

  /**
   * Whether this instance is the one that probes (holds the prober lease): jobs that must run once
   * per store, like the drill policy, run where this is true.
   */
  public boolean probesHere() {
    return probesHere.getAsBoolean();
  }

  /** Every resource in the inventory with its latest status. */
  public List<ResourceStatus> resources() {
    return inventory.resources().stream().map(this::statusOf).toList();
  }

  /**
   * A number that changes whenever any resource's latest outcome says something else (status,
   * visibility, last known status, reason codes) on this instance: a read of {@link #resources}
   * judged at the same version, before {@link #judgementsHoldUntil}, is still the answer.
   */
  public long verdictVersion() {
    return judge.verdictVersion();
  }

  /**
   * The first instant at which the clock alone could change the judgement of any of these statuses
   * (evidence going stale, a loss outlasting the RPO target); {@link Instant#MAX} when none can.
   */
  public Instant judgementsHoldUntil(List<ResourceStatus> statuses, Instant now) {
    Instant until = Instant.MAX;
    for (ResourceStatus status : statuses) {
      Instant holds = judge.holdsUntil(status.resource(), status.outcome(), now);
      if (holds.isBefore(until)) {
        until = holds;
      }
    }
    return until;
  }

  /** The latest status of one resource; empty when it is not in the inventory. */
  public Optional<ResourceStatus> resource(String id) {
    return inventory.resource(id).map(r -> statusOf(r, current(r)));
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
    return inventory.resource(resourceId).flatMap(r -> current(r).observation());
  }

  /**
   * The latest of one resource judged now: from memory on the prober, from the store elsewhere
   * (from memory when the store does not answer).
   */
  private LatestOutcomes.Latest current(Resource resource) {
    if (!probesHere.getAsBoolean()) {
      try {
        Optional<LatestOutcomes.Latest> stored = store.read(resource.id());
        if (stored.isPresent()) {
          return judge.judge(resource, stored);
        }
      } catch (RuntimeException e) {
        log.warn("reading the status of {} from the store failed: {}", resource.id(), e.toString());
      }
    }
    return judge.current(resource);
  }

  private ResourceStatus statusOf(Resource resource) {
    return statusOf(resource, judge.current(resource));
  }

  private static ResourceStatus statusOf(Resource resource, LatestOutcomes.Latest current) {
    return ResourceStatus.of(
        resource, current.outcome(), current.observation().flatMap(Observation::result));
  }

  /** The latest outcome and observation of one resource as stored now ({@link StoreFollower}). */
  @FunctionalInterface
  interface StoreReads {
    Optional<LatestOutcomes.Latest> read(String resourceId);
  }
}
