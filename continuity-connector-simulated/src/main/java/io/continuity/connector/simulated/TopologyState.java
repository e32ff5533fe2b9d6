package io.continuity.connector.simulated;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consistent snapshot of one simulated resource's topology, taken at the start of a probe or a
 * step.
 *
 * @param primarySite the site that accepts writes now
 * @param standbySite the other site
 * @param scenarioOverride the scenario set at run time through {@link SimulatedPlatform}, if any
 * @param scenarioSince when the current scenario began (a BROKEN stream froze then)
 * @param quiescedPosition where the primary stopped accepting writes, during a switchover
 * @param caughtUp the standby has replayed up to {@code quiescedPosition}
 * @param detachedPosition where the standby stopped replicating after a promotion, until it rejoins
 * @param fencedSite the site that refuses writes (a fenced or demoted old primary) until it rejoins
 * @param drillCloneActive a drill clone of the standby exists
 */
public record TopologyState(
    String primarySite,
    String standbySite,
    Optional<Scenario> scenarioOverride,
    Instant scenarioSince,
    OptionalLong quiescedPosition,
    boolean caughtUp,
    OptionalLong detachedPosition,
    Optional<String> fencedSite,
    boolean drillCloneActive,
    Optional<String> failStepOverride,
    Optional<String> hangStepOverride) {

  /**
   * The primary takes no writes: a run quiesced or fenced it and has not promoted the other side
   * (nor started it again). What a real failure after the quiesce leaves behind.
   */
  public boolean primaryWritesStopped() {
    return quiescedPosition.isPresent() || fencedSite.filter(primarySite::equals).isPresent();
  }
}
