package io.continuity.server.execution;

import io.continuity.connector.api.Capability;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How the execution engine checks and runs confirmed requests ({@code continuity.execution.*}).
 *
 * @param tokenSecret the HMAC key of confirmation tokens; empty means a random key made at start-up
 *     (tokens then do not survive a restart and are not shared by several instances: set it there)
 * @param maxSwitchoverLagBytes a SWITCHOVER is blocked while the DR side is further behind
 * @param maxSwitchoverLagSeconds the same in time (a bare number is seconds)
 * @param cooldown a new run on a resource within this time after the last one ended is blocked
 *     unless acknowledged
 * @param disabledCapabilities per resource id, capabilities switched off by the operator
 * @param maxEvidenceAge evidence older than this blocks a start; empty means the monitoring
 *     staleness threshold of the resource's tier
 * @param runnerThreads executions run at once on this instance
 * @param stepThreads steps (over all running members) run at once on this instance
 * @param leaseDuration how long a runner's lease lasts without renewal (renewed every third)
 * @param instanceId this instance's name in leases; empty means host name + a random suffix
 * @param overridablePrechecks the prechecks that, when they fail, an approver other than the
 *     requester and the confirmer may override with a reason (only {@link #OVERRIDABLE_AT_ALL})
 */
@ConfigurationProperties("continuity.execution")
public record ExecutionEngineProperties(
    String tokenSecret,
    @DefaultValue("67108864") long maxSwitchoverLagBytes,
    @DefaultValue("60") @DurationUnit(ChronoUnit.SECONDS) Duration maxSwitchoverLagSeconds,
    @DefaultValue("30m") Duration cooldown,
    Map<String, Set<Capability>> disabledCapabilities,
    Duration maxEvidenceAge,
    @DefaultValue("4") int runnerThreads,
    @DefaultValue("16") int stepThreads,
    @DefaultValue("30s") Duration leaseDuration,
    String instanceId,
    @DefaultValue({"replication-lag", "evidence-fresh", "primary-known"})
        Set<String> overridablePrechecks) {

  /**
   * The prechecks policy may make overridable. The others never are: a capability the organisation
   * switched off, a topology the plan does not match, a resource another execution holds, a plan
   * that cannot be made (the cool-down is acknowledged by the confirmer instead).
   */
  public static final Set<String> OVERRIDABLE_AT_ALL =
      Set.of("replication-lag", "evidence-fresh", "primary-known");

  public ExecutionEngineProperties {
    overridablePrechecks =
        overridablePrechecks == null ? Set.of() : Set.copyOf(overridablePrechecks);
    for (String check : overridablePrechecks) {
      if (!OVERRIDABLE_AT_ALL.contains(check)) {
        throw new IllegalArgumentException(
            "continuity.execution.overridable-prechecks: '"
                + check
                + "' cannot be overridden; choose among "
                + new java.util.TreeSet<>(OVERRIDABLE_AT_ALL));
      }
    }
    disabledCapabilities =
        disabledCapabilities == null ? Map.of() : Map.copyOf(disabledCapabilities);
    if (maxSwitchoverLagBytes < 0) {
      throw new IllegalArgumentException(
          "continuity.execution.max-switchover-lag-bytes must be 0 or more");
    }
    if (runnerThreads < 1 || stepThreads < 1) {
      throw new IllegalArgumentException(
          "continuity.execution.runner-threads and step-threads must be at least 1");
    }
    if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("continuity.execution.lease-duration must be at least 1s");
    }
  }

  /** Defaults everywhere. */
  public static ExecutionEngineProperties defaults() {
    return new ExecutionEngineProperties(
        null,
        67_108_864L,
        Duration.ofSeconds(60),
        Duration.ofMinutes(30),
        Map.of(),
        null,
        4,
        16,
        Duration.ofSeconds(30),
        null,
        OVERRIDABLE_AT_ALL);
  }

  /** Capabilities the operator disabled for this resource. */
  public Set<Capability> disabledFor(String resourceId) {
    return disabledCapabilities.getOrDefault(resourceId, Set.of());
  }
}
