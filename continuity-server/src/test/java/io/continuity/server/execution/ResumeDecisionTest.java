package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash-resume rule: resume only over idempotent remaining steps, else INTERRUPTED. */
class ResumeDecisionTest {

  static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  /** check (idem) -> quiesce (idem) -> promote (NOT idem) -> verify (idem) -> postcheck (idem). */
  static OperationPlan switchover() {
    return new OperationPlan(
        OperationType.SWITCHOVER,
        "west",
        List.of(
            step("check", StepKind.PRECHECK, true),
            step("quiesce", StepKind.ACTION, true),
            step("promote", StepKind.ACTION, false),
            step("verify", StepKind.POSTCHECK, true),
            step("postcheck", StepKind.POSTCHECK, true)));
  }

  static PlanStep step(String id, StepKind kind, boolean idempotent) {
    return new PlanStep(id, id, kind, id + " does its thing", Duration.ofSeconds(30), idempotent);
  }

  static ExecutionPlan single() {
    return new ExecutionPlan(List.of(new ExecutionPlan.MemberPlan("db", 1, switchover())));
  }

  static List<StepRecord> log(String member, Object... idAndOutcome) {
    List<StepRecord> records = new ArrayList<>();
    List<String> ids = switchover().steps().stream().map(PlanStep::id).toList();
    for (int i = 0; i < idAndOutcome.length; i += 2) {
      String id = (String) idAndOutcome[i];
      StepLogOutcome outcome = (StepLogOutcome) idAndOutcome[i + 1];
      records.add(
          new StepRecord(
              "EX-1",
              i / 2 + 1,
              id,
              member,
              ids.indexOf(id),
              T,
              null,
              outcome,
              "",
              Map.of(),
              1,
              1));
    }
    return records;
  }

  @Test
  void anInFlightIdempotentStepAfterThePromotionResumesFromThatStep() {
    List<StepRecord> log =
        log(
            "db",
            "check",
            StepLogOutcome.SUCCEEDED,
            "quiesce",
            StepLogOutcome.SUCCEEDED,
            "promote",
            StepLogOutcome.SUCCEEDED,
            "verify",
            StepLogOutcome.STARTED);

    ResumeDecision decision = ResumeDecision.decide(single(), log);

    assertThat(decision).isInstanceOf(ResumeDecision.Resume.class);
    ResumeDecision.Resume resume = (ResumeDecision.Resume) decision;
    assertThat(resume.positions()).containsEntry("db", 3);
    assertThat(resume.reason()).contains("step verify of db was in flight").contains("idempotent");
  }

  @Test
  void anInFlightPromotionIsInterruptedNamingIt() {
    List<StepRecord> log =
        log(
            "db",
            "check",
            StepLogOutcome.SUCCEEDED,
            "quiesce",
            StepLogOutcome.SUCCEEDED,
            "promote",
            StepLogOutcome.STARTED);

    ResumeDecision decision = ResumeDecision.decide(single(), log);

    assertThat(decision).isInstanceOf(ResumeDecision.Interrupt.class);
    ResumeDecision.Interrupt interrupt = (ResumeDecision.Interrupt) decision;
    assertThat(interrupt.stepId()).isEqualTo("promote");
    assertThat(interrupt.reason())
        .startsWith("INTERRUPTED")
        .contains("step promote of db was in flight")
        .contains("not idempotent");
  }

  @Test
  void anInFlightIdempotentStepBeforeAPromotionIsStillInterrupted() {
    List<StepRecord> log =
        log("db", "check", StepLogOutcome.SUCCEEDED, "quiesce", StepLogOutcome.STARTED);

    ResumeDecision decision = ResumeDecision.decide(single(), log);

    assertThat(decision).isInstanceOf(ResumeDecision.Interrupt.class);
    assertThat(((ResumeDecision.Interrupt) decision).stepId()).isEqualTo("quiesce");
    assertThat(((ResumeDecision.Interrupt) decision).reason())
        .contains("step promote of db is not idempotent");
  }

  @Test
  void withNothingInFlightTheFirstUnsafeRemainingStepIsNamed() {
    ResumeDecision decision = ResumeDecision.decide(single(), List.of());

    assertThat(decision).isInstanceOf(ResumeDecision.Interrupt.class);
    assertThat(((ResumeDecision.Interrupt) decision).stepId()).isEqualTo("promote");
    assertThat(((ResumeDecision.Interrupt) decision).reason()).contains("no step was in flight");
  }

  @Test
  void aGroupResumesEachMemberFromItsOwnPositionWhenAllRemainingStepsAreIdempotent() {
    ExecutionPlan group =
        new ExecutionPlan(
            List.of(
                new ExecutionPlan.MemberPlan("a", 1, switchover()),
                new ExecutionPlan.MemberPlan("b", 1, switchover())));
    List<StepRecord> log = new ArrayList<>();
    log.addAll(
        log(
            "a",
            "check",
            StepLogOutcome.SUCCEEDED,
            "quiesce",
            StepLogOutcome.SUCCEEDED,
            "promote",
            StepLogOutcome.SUCCEEDED,
            "verify",
            StepLogOutcome.SUCCEEDED,
            "postcheck",
            StepLogOutcome.SUCCEEDED));
    log.addAll(
        log(
            "b",
            "check",
            StepLogOutcome.SUCCEEDED,
            "quiesce",
            StepLogOutcome.SUCCEEDED,
            "promote",
            StepLogOutcome.SUCCEEDED,
            "verify",
            StepLogOutcome.STARTED));

    ResumeDecision decision = ResumeDecision.decide(group, log);

    assertThat(decision).isInstanceOf(ResumeDecision.Resume.class);
    assertThat(((ResumeDecision.Resume) decision).positions())
        .containsEntry("a", 5)
        .containsEntry("b", 3);
  }

  @Test
  void aGroupMemberWithAnUnsafeRemainingStepInterruptsTheWholeRun() {
    ExecutionPlan group =
        new ExecutionPlan(
            List.of(
                new ExecutionPlan.MemberPlan("a", 1, switchover()),
                new ExecutionPlan.MemberPlan("b", 2, switchover())));
    List<StepRecord> log =
        log(
            "a",
            "check",
            StepLogOutcome.SUCCEEDED,
            "quiesce",
            StepLogOutcome.SUCCEEDED,
            "promote",
            StepLogOutcome.SUCCEEDED,
            "verify",
            StepLogOutcome.STARTED);

    ResumeDecision decision = ResumeDecision.decide(group, log);

    assertThat(decision).isInstanceOf(ResumeDecision.Interrupt.class);
    ResumeDecision.Interrupt interrupt = (ResumeDecision.Interrupt) decision;
    assertThat(interrupt.stepId()).isEqualTo("verify");
    assertThat(interrupt.reason()).contains("step promote of b is not idempotent");
  }
}
