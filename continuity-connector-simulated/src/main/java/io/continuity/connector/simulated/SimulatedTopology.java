package io.continuity.connector.simulated;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The mutable state of one simulated resource: which site is primary and where a running operation
 * has got to. It outlives connectors (the server may re-create a connector on reconfiguration, a
 * real database would not forget a switchover either), so it lives in {@link SimulatedPlatform}.
 * Every method is synchronized: probes and steps may run on different threads.
 */
final class SimulatedTopology {

  private final String configuredPrimary;
  private final String configuredDr;
  private final Clock clock;
  private String primarySite;
  private Scenario scenarioOverride;
  private Instant scenarioSince;
  private Long quiescedPosition;
  private boolean caughtUp;
  private Long detachedPosition;
  private String fencedSite;
  private boolean drillCloneActive;
  private String failStepOverride;
  private String hangStepOverride;

  SimulatedTopology(String configuredPrimary, String configuredDr, Clock clock) {
    this.configuredPrimary = Objects.requireNonNull(configuredPrimary);
    this.configuredDr = Objects.requireNonNull(configuredDr);
    this.clock = Objects.requireNonNull(clock);
    this.primarySite = configuredPrimary;
    this.scenarioSince = clock.instant();
  }

  boolean hasSites(String primary, String dr) {
    return configuredPrimary.equals(primary) && configuredDr.equals(dr);
  }

  String otherSite(String site) {
    return site.equals(configuredPrimary) ? configuredDr : configuredPrimary;
  }

  synchronized TopologyState snapshot() {
    return new TopologyState(
        primarySite,
        otherSite(primarySite),
        Optional.ofNullable(scenarioOverride),
        scenarioSince,
        quiescedPosition == null ? OptionalLong.empty() : OptionalLong.of(quiescedPosition),
        caughtUp,
        detachedPosition == null ? OptionalLong.empty() : OptionalLong.of(detachedPosition),
        Optional.ofNullable(fencedSite),
        drillCloneActive,
        Optional.ofNullable(failStepOverride),
        Optional.ofNullable(hangStepOverride));
  }

  synchronized void setScenario(Scenario scenario) {
    scenarioOverride = scenario;
    scenarioSince = clock.instant();
  }

  synchronized void setFailStep(String stepId) {
    failStepOverride = stepId;
  }

  synchronized void setHangStep(String stepId) {
    hangStepOverride = stepId;
  }

  /** Stops writes on the primary; a second call keeps the first final position. */
  synchronized long quiesce(long position) {
    if (quiescedPosition == null) {
      quiescedPosition = position;
    }
    return quiescedPosition;
  }

  /**
   * Lets the primary take writes again after a run stopped them (a quiesce or a fence) and did not
   * promote the other side: the roles do not change.
   */
  synchronized void resumeWrites() {
    quiescedPosition = null;
    caughtUp = false;
    if (primarySite.equals(fencedSite)) {
      fencedSite = null;
    }
  }

  synchronized void markCaughtUp() {
    caughtUp = true;
  }

  /** Fences the current primary: it refuses writes, so its position stops at {@code position}. */
  synchronized void fencePrimary(long position) {
    quiesce(position);
    fencedSite = primarySite;
  }

  /**
   * Makes {@code target} the primary. The old primary stops at {@code oldPrimaryPosition} and is
   * detached (and fenced) until it rejoins.
   */
  synchronized void promote(String target, long oldPrimaryPosition) {
    fencedSite = primarySite;
    primarySite = target;
    quiescedPosition = null;
    caughtUp = false;
    detachedPosition = oldPrimaryPosition;
  }

  /** Re-attaches the standby as a replica of the current primary. */
  synchronized void rejoinStandby() {
    detachedPosition = null;
    fencedSite = null;
  }

  synchronized void setDrillClone(boolean active) {
    drillCloneActive = active;
  }
}
