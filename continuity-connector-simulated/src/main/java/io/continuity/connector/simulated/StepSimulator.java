package io.continuity.connector.simulated;

import static io.continuity.connector.simulated.OperationPlans.*;

import io.continuity.connector.api.LossEvidence;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.ReplicationMarker;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepOutcome;
import io.continuity.connector.api.StepResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs one plan step against the simulated topology: checks look at it, actions change it. A step
 * whose precondition does not hold returns a failed result that says why; it never changes the
 * topology then. Scripted failures and hangs are handled by the connector before this class runs.
 */
final class StepSimulator {

  private final SimulatedTopology topology;
  private final ProbeSimulator probes;
  private final WriteStream stream;
  private final Clock clock;

  StepSimulator(
      SimulatedTopology topology, ProbeSimulator probes, WriteStream stream, Clock clock) {
    this.topology = topology;
    this.probes = probes;
    this.stream = stream;
    this.clock = clock;
  }

  /** Runs the step; empty when the id is not one of this connector's steps. */
  Optional<StepResult> run(PlanStep step, StepContext context) {
    TopologyState state = topology.snapshot();
    Instant now = clock.instant();
    OperationType type = context.plan().type();
    String target = context.plan().targetSite();
    String source = topology.otherSite(target);
    Set<String> down = probes.unreachableSites(state, now);
    Scenario scenario = probes.scenarioAt(state, now);
    boolean broken = scenario == Scenario.BROKEN || down.contains(state.primarySite());
    StepResult result;
    switch (step.id()) {
      case PRECHECK_REPLICATION -> {
        if (!down.isEmpty()) {
          result = failed("sites " + down + " do not answer");
        } else if (!state.primarySite().equals(source)) {
          result = failed(source + " is not primary (" + state.primarySite() + " is)");
        } else if (broken
            || (state.detachedPosition().isPresent() && type != OperationType.FAILBACK)) {
          result = failed("replication to " + target + " is broken: " + positions(state, now));
        } else {
          result =
              ok(
                  "both sites answer, " + source + " is primary; " + positions(state, now),
                  Map.of(
                      "precheck.primary-marker", marker(probes.writtenPosition(state, now)).value(),
                      "precheck.standby-marker",
                          marker(probes.appliedPosition(state, now)).value()));
        }
      }
      case PRECHECK_TARGET -> {
        if (down.contains(target)) {
          result = failed(target + " does not answer: it cannot be promoted");
        } else if (state.primarySite().equals(target)) {
          result = failed(target + " is already primary");
        } else {
          result = ok(target + " answers and is a standby", Map.of());
        }
      }
      case QUIESCE_PRIMARY -> {
        if (!state.primarySite().equals(source) || down.contains(source)) {
          result = failed("cannot quiesce " + source + ": it is not a reachable primary");
        } else {
          long finalPosition = topology.quiesce(stream.positionAt(now));
          result =
              withMarker(
                  "writes stopped on " + source + " at " + marker(finalPosition).value(),
                  Map.of("final-marker", marker(finalPosition).value()),
                  finalPosition);
        }
      }
      case FENCE_OLD_PRIMARY -> {
        if (state.fencedSite().filter(source::equals).isPresent()) {
          result = ok(source + " is already fenced", Map.of());
        } else if (!state.primarySite().equals(source)) {
          result = failed(source + " is not the primary: nothing to fence");
        } else {
          topology.fencePrimary(stream.positionAt(now));
          String how = down.contains(source) ? "isolated at the network (it does not answer)" : "";
          result = ok(source + " fenced: it refuses writes " + how, Map.of());
        }
      }
      case CAPTURE_MARKERS -> {
        if (down.contains(target)) {
          result = failed(target + " does not answer: its applied marker cannot be read");
        } else {
          long applied = probes.appliedPosition(state, now);
          result =
              withMarker(
                  target + " applied up to " + marker(applied).value(),
                  Map.of("target-applied-marker", marker(applied).value()),
                  applied);
        }
      }
      case RESYNC_TARGET, REJOIN_OLD_PRIMARY -> {
        String standby = step.id().equals(RESYNC_TARGET) ? target : source;
        String primary = topology.otherSite(standby);
        if (!state.primarySite().equals(primary) || down.contains(standby)) {
          result =
              failed("cannot attach " + standby + " to " + primary + ": check roles and reach");
        } else {
          topology.rejoinStandby();
          result = ok(standby + " attached as a standby of " + primary, Map.of());
        }
      }
      case WAIT_FOR_CATCH_UP -> {
        if (state.quiescedPosition().isEmpty()) {
          result = failed("no final marker recorded: run quiesce-primary first");
        } else if (broken || down.contains(target) || state.detachedPosition().isPresent()) {
          result = failed(target + " is not replaying: " + positions(state, now));
        } else {
          topology.markCaughtUp();
          long finalPosition = state.quiescedPosition().getAsLong();
          result =
              withMarker(
                  target + " replayed up to the final marker " + marker(finalPosition).value(),
                  Map.of("target-replayed-marker", marker(finalPosition).value()),
                  finalPosition);
        }
      }
      case PROMOTE_TARGET -> result = promote(state, context, target, source, down, now);
      case VERIFY_WRITES -> {
        boolean writable =
            state.primarySite().equals(target)
                && !down.contains(target)
                && !state.primaryWritesStopped();
        result =
            writable
                ? ok("wrote and read back a row on " + target, Map.of())
                : failed(target + " does not accept writes");
      }
      case RESUME_PRIMARY -> {
        if (!state.primarySite().equals(target) || down.contains(target)) {
          result =
              failed(
                  "cannot start writes on "
                      + target
                      + ": it is not a reachable primary ("
                      + state.primarySite()
                      + " is primary)");
        } else if (!state.primaryWritesStopped()) {
          result = ok(target + " already takes writes", Map.of());
        } else {
          topology.resumeWrites();
          result = ok(target + " takes writes again; the roles did not change", Map.of());
        }
      }
      case POSTCHECK_ROLES -> {
        String expected = type == OperationType.DRILL ? source : target;
        result =
            state.primarySite().equals(expected)
                ? ok(expected + " is primary", Map.of("primary-site", expected))
                : failed("expected " + expected + " primary, found " + state.primarySite());
      }
      case CREATE_DRILL_CLONE -> {
        if (down.contains(target)) {
          result = failed(target + " does not answer: it cannot be cloned");
        } else {
          topology.setDrillClone(true);
          result = ok("drill clone of " + target + " created", Map.of());
        }
      }
      case PROMOTE_DRILL_CLONE, VERIFY_DRILL_WRITES -> {
        result =
            state.drillCloneActive()
                ? ok(step.name() + ": done on the drill clone", Map.of())
                : failed("no drill clone: run create-drill-clone first");
      }
      case DISCARD_DRILL_CLONE -> {
        topology.setDrillClone(false);
        result = ok("drill clone discarded", Map.of());
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(result);
  }

  private StepResult promote(
      TopologyState state,
      StepContext context,
      String target,
      String source,
      Set<String> down,
      Instant now) {
    OperationType type = context.plan().type();
    if (state.primarySite().equals(target)) {
      return failed(target + " is already primary: check roles before going on");
    }
    if (down.contains(target)) {
      return failed(target + " does not answer: it cannot be promoted");
    }
    if (type == OperationType.FAILOVER) {
      if (state.fencedSite().filter(source::equals).isEmpty()) {
        return failed("refusing to promote while " + source + " is not fenced");
      }
    } else if (!state.caughtUp() || state.quiescedPosition().isEmpty()) {
      return failed(
          "refusing to promote: "
              + target
              + " has not been seen to replay up to the old primary's final marker");
    }
    long oldPrimaryPosition = state.quiescedPosition().orElse(stream.positionAt(now));
    long applied = probes.appliedPosition(state, now);
    topology.promote(target, oldPrimaryPosition);
    LossEvidence loss =
        type == OperationType.FAILOVER
            ? SimulatedLoss.failover(
                applied,
                down.contains(source) ? OptionalLong.empty() : OptionalLong.of(oldPrimaryPosition),
                context.lastPrimaryMarker().filter(m -> m.site().equals(source)),
                stream)
            : LossEvidence.caughtUp(
                marker(oldPrimaryPosition),
                marker(oldPrimaryPosition),
                "the target replayed the final marker before it was promoted");
    return withMarker(
            target + " promoted; " + source + " detached at " + marker(oldPrimaryPosition).value(),
            Map.of("new-primary", target),
            oldPrimaryPosition)
        .withLoss(loss);
  }

  private String positions(TopologyState state, Instant now) {
    long written = probes.writtenPosition(state, now);
    long applied = probes.appliedPosition(state, now);
    return "primary at "
        + marker(written).value()
        + ", standby applied "
        + marker(applied).value()
        + " ("
        + (written - applied)
        + " bytes behind)";
  }

  private static ReplicationMarker marker(long position) {
    return WriteStream.marker(position);
  }

  private static StepResult ok(String output, Map<String, String> facts) {
    return StepResult.succeeded(output, facts);
  }

  private static StepResult withMarker(String output, Map<String, String> facts, long position) {
    return new StepResult(
        StepOutcome.SUCCEEDED, output, facts, Optional.of(WriteStream.marker(position)));
  }

  private static StepResult failed(String output) {
    return StepResult.failed(output);
  }
}
