package io.continuity.connector.simulated;

import io.continuity.connector.api.Connectivity;
import io.continuity.connector.api.Health;
import io.continuity.connector.api.HeartbeatReading;
import io.continuity.connector.api.PayloadSanitizer;
import io.continuity.connector.api.ProbeResult;
import io.continuity.connector.api.ReplicationLag;
import io.continuity.connector.api.ReplicationState;
import io.continuity.connector.api.SiteConnectivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes what a probe of a simulated resource sees at one instant, from its script, its topology
 * and nothing else: the same inputs always give the same result. Waiting (latency, hang) is the
 * connector's job, not this class's.
 */
final class ProbeSimulator {

  /** What a probe says of a primary whose writes a run stopped. */
  static final String QUIESCED_NOTE = "primary quiesced: takes no writes";

  private final SimulationSettings settings;
  private final WriteStream stream;
  private final LagModel lagModel;
  private final List<String> siteOrder;
  private final SimulatedMembers members;
  private final boolean heartbeat;
  private final PayloadSanitizer sanitizer;

  ProbeSimulator(
      SimulationSettings settings,
      List<String> siteOrder,
      SimulatedMembers members,
      boolean heartbeat,
      PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.stream = new WriteStream(settings.writeRateBytesPerSecond());
    this.lagModel = new LagModel(settings);
    this.siteOrder = List.copyOf(siteOrder);
    this.members = members;
    this.heartbeat = heartbeat;
    this.sanitizer = sanitizer;
  }

  /** The scenario in force at {@code at}: the run-time override or the configured one. */
  Scenario scenarioAt(TopologyState state, Instant at) {
    Scenario scenario = state.scenarioOverride().orElse(settings.scenario());
    if (scenario == Scenario.FLAPPING) {
      Duration flap = settings.flapPeriod();
      boolean down = LagModel.nanosIntoCycle(at, flap.multipliedBy(2)) >= flap.toNanos();
      return down ? Scenario.UNREACHABLE : Scenario.STEADY;
    }
    return scenario;
  }

  /** The sites that do not answer at {@code at}. */
  Set<String> unreachableSites(TopologyState state, Instant at) {
    Scenario configured = state.scenarioOverride().orElse(settings.scenario());
    if (scenarioAt(state, at) != Scenario.UNREACHABLE) {
      return Set.of();
    }
    return configured == Scenario.FLAPPING
        ? Set.of(state.standbySite())
        : settings.unreachableSites();
  }

  /** Where the primary's writes are at {@code at} (frozen while it is quiesced or fenced). */
  long writtenPosition(TopologyState state, Instant at) {
    return state.quiescedPosition().orElse(stream.positionAt(at));
  }

  /** Where the standby has applied up to at {@code at}. */
  long appliedPosition(TopologyState state, Instant at) {
    long written = writtenPosition(state, at);
    Scenario scenario = scenarioAt(state, at);
    Set<String> down = unreachableSites(state, at);
    long applied;
    if (state.detachedPosition().isPresent()) {
      applied = state.detachedPosition().getAsLong();
    } else if (scenario == Scenario.BROKEN || down.contains(state.primarySite())) {
      applied = stream.positionAt(state.scenarioSince().minus(settings.baseLag(scenario)));
    } else if (state.caughtUp() && state.quiescedPosition().isPresent()) {
      applied = state.quiescedPosition().getAsLong();
    } else {
      applied = stream.positionAt(at.minus(lagModel.lagAt(scenario, at)));
    }
    return Math.min(applied, written);
  }

  ProbeResult probe(TopologyState state, Instant at) {
    Scenario scenario = scenarioAt(state, at);
    Set<String> down = unreachableSites(state, at);
    boolean primaryUp = !down.contains(state.primarySite());
    boolean standbyUp = !down.contains(state.standbySite());
    long written = writtenPosition(state, at);
    long applied = appliedPosition(state, at);
    boolean markers = scenario != Scenario.MARKER_UNAVAILABLE;

    ProbeResult.Builder result = ProbeResult.builder(at).sites(sites(state, down, scenario));
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("scenario", scenario.settingName());
    raw.put("primarySite", state.primarySite());
    raw.put("standbySite", state.standbySite());
    raw.put("writeRateBytesPerSecond", settings.writeRateBytesPerSecond());
    if (primaryUp) {
      raw.put("primaryPosition", WriteStream.marker(written).value());
      if (markers) {
        result.primaryMarker(WriteStream.marker(written));
      }
    }
    if (standbyUp) {
      raw.put("standbyAppliedPosition", WriteStream.marker(applied).value());
      if (markers) {
        result.drMarker(WriteStream.marker(applied));
      }
      if (heartbeat) {
        result.heartbeat(new HeartbeatReading(stream.timeOf(applied), at));
      }
    }
    if (primaryUp) {
      result.primarySite(state.primarySite());
    }
    result.members(
        members.observe(
            state.primarySite(),
            down,
            primaryUp && markers ? Optional.of(WriteStream.marker(written)) : Optional.empty(),
            standbyUp && markers ? Optional.of(WriteStream.marker(applied)) : Optional.empty()));
    state.fencedSite().ifPresent(site -> raw.put("fencedSite", site));
    raw.put("quiesced", state.quiescedPosition().isPresent());
    raw.put("drillCloneActive", state.drillCloneActive());

    if (!primaryUp && !standbyUp) {
      result.health(Health.UNKNOWN).replicationState(ReplicationState.UNKNOWN);
    } else if (!primaryUp) {
      result.health(Health.UNHEALTHY).replicationState(ReplicationState.BROKEN);
    } else if (!standbyUp) {
      result.health(Health.DEGRADED).replicationState(ReplicationState.UNKNOWN);
    } else {
      long lagBytes = written - applied;
      Duration lagTime = stream.durationOf(lagBytes);
      result.lag(markers ? ReplicationLag.of(lagBytes, lagTime) : ReplicationLag.ofTime(lagTime));
      raw.put("lagBytes", lagBytes);
      raw.put("lagMillis", lagTime.toMillis());
      if (state.detachedPosition().isPresent() || scenario == Scenario.BROKEN) {
        result.health(Health.DEGRADED).replicationState(ReplicationState.BROKEN);
        raw.put(
            "note",
            state.detachedPosition().isPresent()
                ? "the old primary is detached since the promotion: rejoin it"
                : "replication stopped at " + WriteStream.marker(applied).value());
      } else if (state.primaryWritesStopped()) {
        result.health(Health.DEGRADED).replicationState(ReplicationState.STREAMING);
        raw.put("note", QUIESCED_NOTE);
      } else if (scenario == Scenario.OVER_RPO) {
        result.health(Health.HEALTHY).replicationState(ReplicationState.CATCHING_UP);
      } else {
        result.health(Health.HEALTHY).replicationState(ReplicationState.STREAMING);
      }
    }
    return result.payload(sanitizer.sanitize(raw)).build();
  }

  private List<SiteConnectivity> sites(TopologyState state, Set<String> down, Scenario scenario) {
    List<SiteConnectivity> sites = new ArrayList<>();
    for (String site : siteOrder) {
      String role = site.equals(state.primarySite()) ? "primary" : "standby";
      if (site.equals(state.primarySite()) && state.primaryWritesStopped()) {
        role += "; " + QUIESCED_NOTE;
      }
      sites.add(
          down.contains(site)
              ? new SiteConnectivity(
                  site,
                  Connectivity.UNREACHABLE,
                  "connection refused (simulated scenario " + scenario.settingName() + ")")
              : new SiteConnectivity(site, Connectivity.REACHABLE, "role=" + role));
    }
    return sites;
  }
}
