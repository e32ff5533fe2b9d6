package io.continuity.connector.simulated;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The run-time control of every simulated resource in this JVM, keyed by resource id. Tests and the
 * demo use it to change what a running resource does ({@code setScenario("orders-db",
 * Scenario.UNREACHABLE)}) and to read where its primary is.
 *
 * <p>It is static on purpose: the server makes connectors through {@link java.util.ServiceLoader},
 * so a test has no handle on them, only on the resource id. The state it holds is the simulated
 * database's, which outlives any one connector. Tests that share a JVM should use distinct resource
 * ids or call {@link #forget}.
 */
public final class SimulatedPlatform {

  private static final ConcurrentMap<String, SimulatedTopology> RESOURCES =
      new ConcurrentHashMap<>();

  private SimulatedPlatform() {}

  /** The topology of a resource, made on first use or when its configured sites changed. */
  static SimulatedTopology attach(String resourceId, String primary, String dr, Clock clock) {
    return RESOURCES.compute(
        resourceId,
        (id, existing) ->
            existing != null && existing.hasSites(primary, dr)
                ? existing
                : new SimulatedTopology(primary, dr, clock));
  }

  /** Overrides the configured scenario of a resource from now on. */
  public static void setScenario(String resourceId, Scenario scenario) {
    topology(resourceId).setScenario(java.util.Objects.requireNonNull(scenario, "scenario"));
  }

  /** Same as {@link #setScenario(String, Scenario)} with a setting spelling ({@code over-rpo}). */
  public static void setScenario(String resourceId, String scenario) {
    setScenario(resourceId, Scenario.parse(scenario));
  }

  /** Returns the resource to the scenario in its configuration. */
  public static void clearScenario(String resourceId) {
    topology(resourceId).setScenario(null);
  }

  /** The run-time scenario override, empty when the configured scenario applies. */
  public static Optional<Scenario> scenarioOverride(String resourceId) {
    return Optional.ofNullable(RESOURCES.get(resourceId))
        .flatMap(t -> t.snapshot().scenarioOverride());
  }

  /** The site that is primary now, empty for a resource no connector was made for. */
  public static Optional<String> primarySite(String resourceId) {
    return Optional.ofNullable(RESOURCES.get(resourceId)).map(t -> t.snapshot().primarySite());
  }

  /** Makes the step with this id fail from now on ({@code null} returns to the setting). */
  public static void setFailStep(String resourceId, String stepId) {
    topology(resourceId).setFailStep(stepId);
  }

  /** Makes the step with this id hang until its timeout ({@code null} returns to the setting). */
  public static void setHangStep(String resourceId, String stepId) {
    topology(resourceId).setHangStep(stepId);
  }

  /** The ids of every resource a simulated connector was made for. */
  public static Set<String> resourceIds() {
    return Set.copyOf(RESOURCES.keySet());
  }

  /** Drops a resource's state: the next connector made for it starts from its configuration. */
  public static void forget(String resourceId) {
    RESOURCES.remove(resourceId);
  }

  /** Drops the state of every simulated resource. */
  public static void forgetAll() {
    RESOURCES.clear();
  }

  private static SimulatedTopology topology(String resourceId) {
    SimulatedTopology topology = RESOURCES.get(resourceId);
    if (topology == null) {
      throw new IllegalArgumentException(
          "no simulated resource '"
              + resourceId
              + "': make its connector first (known: "
              + RESOURCES.keySet()
              + ")");
    }
    return topology;
  }
}
