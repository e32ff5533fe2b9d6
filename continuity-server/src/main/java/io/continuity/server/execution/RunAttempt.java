package io.continuity.server.execution;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepKind;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runner's pass over one execution, holding its lease: the waves in order, the members of a
 * wave in parallel, each member's steps one after another from its start position (0, or where a
 * resumed run picks up). The first failed or timed-out step stops its member; a failed member stops
 * the run after its wave (siblings already running finish their plans, never half-way); the request
 * then FAILS naming the step, its output and the state the resource is left in. A member succeeds
 * only when its plan had a POSTCHECK and every step passed; a role-changing member then records the
 * new primary.
 */
final class RunAttempt {

  private static final Logger log = LoggerFactory.getLogger(RunAttempt.class);

  private final RunEngine engine;
  private final ExecutionLease lease;
  private final String executionId;
  private final Map<String, Integer> positions;
  private final AtomicInteger seq = new AtomicInteger();
  private List<StepRecord> history = List.of();

  RunAttempt(RunEngine engine, ExecutionLease lease, Map<String, Integer> positions) {
    this.engine = engine;
    this.lease = lease;
    this.executionId = lease.executionId();
    this.positions = Map.copyOf(positions);
  }

  /** What one member's pass came to. */
  record MemberOutcome(String resourceId, boolean ok, Optional<String> stepId, String detail) {}

  void run() {
    try {
      ExecutionPlan plan = engine.runs().find(executionId).orElseThrow(() -> missingPlan()).plan();
      history = engine.stepLog().list(executionId);
      seq.set(history.stream().mapToInt(StepRecord::seq).max().orElse(0));
      boolean group = request().scope() instanceof ExecutionScope.GroupScope;
      int number = 0;
      for (List<ExecutionPlan.MemberPlan> wave : plan.waves()) {
        number++;
        String waveId = "wave-" + number;
        if (group && request().completedSteps().contains(waveId)) {
          continue;
        }
        if (group) {
          engine.recorder().waveStarted(lease, executionId, waveId);
        }
        List<MemberOutcome> outcomes = runWave(wave, group);
        Optional<MemberOutcome> failed = outcomes.stream().filter(o -> !o.ok()).findFirst();
        if (group) {
          engine
              .recorder()
              .waveEnded(
                  lease,
                  executionId,
                  waveId,
                  failed.isEmpty(),
                  failed.map(MemberOutcome::detail).orElse("members " + ids(wave) + " succeeded"));
        }
        if (failed.isPresent()) {
          MemberOutcome f = failed.get();
          engine
              .recorder()
              .failed(
                  lease,
                  executionId,
                  f.detail(),
                  group ? Optional.of(waveId) : f.stepId(),
                  engine.evidenceJson(plan));
          return;
        }
      }
      engine.recorder().succeeded(lease, executionId, engine.evidenceJson(plan));
    } catch (LeaseLostException e) {
      log.warn("{}: stopping without writing more", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Run of {} stopped by shut-down; recovery decides at the next start", executionId);
    } catch (RuntimeException e) {
      log.error(
          "Run of {} broke off; recovery will judge it once its lease expires", executionId, e);
    }
  }

  private List<MemberOutcome> runWave(List<ExecutionPlan.MemberPlan> wave, boolean group)
      throws InterruptedException {
    if (wave.size() == 1 || !group) {
      List<MemberOutcome> outcomes = new ArrayList<>();
      for (ExecutionPlan.MemberPlan member : wave) {
        outcomes.add(runMember(member));
      }
      return outcomes;
    }
    List<Future<MemberOutcome>> futures = new ArrayList<>();
    for (ExecutionPlan.MemberPlan member : wave) {
      futures.add(engine.members().submit(() -> runMember(member)));
    }
    List<MemberOutcome> outcomes = new ArrayList<>();
    for (Future<MemberOutcome> future : futures) {
      try {
        outcomes.add(future.get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LeaseLostException lost) {
          throw lost;
        }
        if (cause instanceof InterruptedException interrupted) {
          throw interrupted;
        }
        throw new IllegalStateException("member run broke off: " + cause, cause);
      }
    }
    return outcomes;
  }

  private MemberOutcome runMember(ExecutionPlan.MemberPlan member) throws InterruptedException {
    String resourceId = member.resourceId();
    List<PlanStep> steps = member.plan().steps();
    Connector connector;
    try {
      connector = engine.planner().connector(resourceId);
    } catch (PlanningException e) {
      return new MemberOutcome(resourceId, false, Optional.empty(), e.getMessage());
    }
    Map<String, String> facts = new LinkedHashMap<>();
    history.stream()
        .filter(r -> r.memberResourceId().equals(resourceId))
        .filter(r -> r.outcome() == StepLogOutcome.SUCCEEDED)
        .forEach(r -> facts.putAll(r.facts()));
    int from = positions.getOrDefault(resourceId, 0);
    StepRecord startedWithPrevious = null;
    for (int i = from; i < steps.size(); i++) {
      PlanStep step = steps.get(i);
      ExecutionRequestSnapshot request = request();
      StepRecord record = startedWithPrevious;
      startedWithPrevious = null;
      if (record == null) {
        record = newRecord(resourceId, steps, i);
        engine.recorder().stepStarted(lease, request, record);
      }
      StepInvoker.Outcome outcome =
          engine
              .invoker()
              .invoke(
                  connector,
                  step,
                  new StepContext(
                      executionId,
                      member.plan(),
                      facts,
                      engine.evidence().lastPrimaryMarker(resourceId)));
      boolean resource = request.scope() instanceof ExecutionScope.ResourceScope;
      // The runner is stopping (a clean server stop) after this step's outcome came in (a failure
      // the stop caused never gets here: StepInvoker): its end is recorded (the flag cleared for
      // the write), no next step is started, and the run stops.
      boolean stopping = Thread.interrupted();
      if (outcome.succeeded() && resource && i + 1 < steps.size() && !stopping) {
        // the next step's STARTED row goes in with this one's end: one commit, not two
        StepRecord next = newRecord(resourceId, steps, i + 1);
        engine.recorder().stepFinishedNextStarted(lease, request, record, step, outcome, next);
        startedWithPrevious = next;
      } else {
        engine.recorder().stepFinished(lease, request, record, step, outcome);
      }
      if (stopping) {
        throw new InterruptedException(
            "the runner is stopping after step " + step.id() + " of " + resourceId);
      }
      if (!outcome.succeeded()) {
        return new MemberOutcome(
            resourceId,
            false,
            Optional.of(step.id()),
            "step "
                + step.id()
                + " of "
                + resourceId
                + " "
                + outcome.outcome()
                + ": "
                + outcome.output()
                + ". "
                + leftIn(steps, i, facts));
      }
      facts.putAll(outcome.facts());
    }
    if (steps.stream().noneMatch(s -> s.kind() == StepKind.POSTCHECK)) {
      return new MemberOutcome(
          resourceId,
          false,
          Optional.empty(),
          "the plan of " + resourceId + " has no POSTCHECK step: its success cannot be proven");
    }
    if (member.plan().type().changesRoles()) {
      String target = member.plan().targetSite();
      try {
        if (!target.equals(engine.planner().currentPrimary(resourceId))) {
          engine.roles().recordRoleChange(resourceId, target, executionId);
        }
      } catch (RuntimeException e) {
        return new MemberOutcome(
            resourceId,
            false,
            Optional.empty(),
            "every step of "
                + resourceId
                + " passed and "
                + target
                + " is primary on the platform, but the inventory could not record it: "
                + e.getMessage());
      }
    }
    return new MemberOutcome(resourceId, true, Optional.empty(), "succeeded");
  }

  /** The STARTED row of step {@code i} of a member, its attempt counted from the history. */
  private StepRecord newRecord(String resourceId, List<PlanStep> steps, int i) {
    String stepId = steps.get(i).id();
    long earlier =
        history.stream()
            .filter(r -> r.memberResourceId().equals(resourceId))
            .filter(r -> r.stepId().equals(stepId))
            .count();
    return new StepRecord(
        executionId,
        seq.incrementAndGet(),
        stepId,
        resourceId,
        i,
        engine.clock().instant().truncatedTo(ChronoUnit.MICROS),
        null,
        StepLogOutcome.STARTED,
        "",
        Map.of(),
        (int) earlier + 1,
        lease.token());
  }

  /** The state the resource is left in: after the last step that passed, with its facts. */
  private static String leftIn(List<PlanStep> steps, int failedIndex, Map<String, String> facts) {
    String state =
        failedIndex == 0
            ? "The resource is left as it was before the run (no step completed)"
            : "The resource is left as after step "
                + steps.get(failedIndex - 1).id()
                + " ("
                + steps.get(failedIndex - 1).description()
                + ")";
    String notDone =
        "; step "
            + steps.get(failedIndex).id()
            + " ("
            + steps.get(failedIndex).description()
            + ")"
            + " may be partly done";
    return state + notDone + (facts.isEmpty() ? "" : "; facts " + facts);
  }

  private ExecutionRequestSnapshot request() {
    return engine
        .requests()
        .find(executionId)
        .orElseThrow(() -> new ExecutionNotFoundException(executionId));
  }

  private IllegalStateException missingPlan() {
    return new IllegalStateException("execution " + executionId + " has no confirmed plan stored");
  }

  private static List<String> ids(List<ExecutionPlan.MemberPlan> wave) {
    return wave.stream().map(ExecutionPlan.MemberPlan::resourceId).toList();
  }
}
