package io.continuity.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import io.continuity.server.execution.RecoveryActions.Action;
import io.continuity.server.execution.RecoveryActions.MemberAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's group (db in wave 1; app and cache in wave 2; app failed its promote after the
 * quiesce; a fourth member, idle, in wave 2 never started): what each recovery option does to each
 * member.
 */
class RecoveryActionsTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
  private static final Map<String, String> PRIMARY_NOW =
      Map.of("db", "west", "app", "east", "cache", "west", "idle", "east");

  private static final ExecutionPlan PLAN =
      new ExecutionPlan(
          List.of(member("db", 1), member("app", 2), member("cache", 2), member("idle", 2)));

  private static ExecutionPlan.MemberPlan member(String id, int wave) {
    return new ExecutionPlan.MemberPlan(
        id,
        wave,
        new OperationPlan(
            OperationType.SWITCHOVER,
            "west",
            List.of(
                step("precheck-replication", StepKind.PRECHECK),
                step("quiesce-primary", StepKind.ACTION),
                step("promote-target", StepKind.ACTION),
                step("postcheck-roles", StepKind.POSTCHECK))));
  }

  private static PlanStep step(String id, StepKind kind) {
    return new PlanStep(id, id, kind, id, Duration.ofSeconds(30), true);
  }

  private static List<StepRecord> log() {
    List<StepRecord> log = new ArrayList<>();
    for (String id : List.of("precheck-replication", "quiesce-primary", "promote-target")) {
      log.add(record(log.size() + 1, "db", id, StepLogOutcome.SUCCEEDED));
      log.add(record(log.size() + 1, "cache", id, StepLogOutcome.SUCCEEDED));
    }
    log.add(record(log.size() + 1, "db", "postcheck-roles", StepLogOutcome.SUCCEEDED));
    log.add(record(log.size() + 1, "cache", "postcheck-roles", StepLogOutcome.SUCCEEDED));
    log.add(record(log.size() + 1, "app", "precheck-replication", StepLogOutcome.SUCCEEDED));
    log.add(record(log.size() + 1, "app", "quiesce-primary", StepLogOutcome.SUCCEEDED));
    log.add(record(log.size() + 1, "app", "promote-target", StepLogOutcome.FAILED));
    return log;
  }

  private static StepRecord record(int seq, String member, String step, StepLogOutcome outcome) {
    return new StepRecord("EX-1", seq, step, member, 0, AT, AT, outcome, "", Map.of(), 1, 1L);
  }

  private static List<MemberAction> actions(RecoveryOption option) {
    return RecoveryActions.of(
        option,
        PLAN,
        log(),
        PRIMARY_NOW::get,
        (id, target) -> target.equals("west") ? "east" : "west");
  }

  @Test
  void aRollBackSwitchesTheMovedBackLastWaveFirstAndStartsTheQuiescedPrimaryAgain() {
    var byMember = RecoveryActions.byMember(actions(RecoveryOption.ROLL_BACK));

    assertThat(byMember.get("cache"))
        .isEqualTo(new MemberAction("cache", 1, Action.SWITCH_BACK, "east", ""));
    assertThat(byMember.get("app").action()).isEqualTo(Action.RESUME_PRIMARY);
    assertThat(byMember.get("app").site()).isEqualTo("east");
    assertThat(byMember.get("app").wave()).isEqualTo(1);
    assertThat(byMember.get("db"))
        .isEqualTo(new MemberAction("db", 2, Action.SWITCH_BACK, "east", ""));
    assertThat(byMember.get("idle").action()).isEqualTo(Action.SKIP);
    assertThat(RecoveryActions.describe(actions(RecoveryOption.ROLL_BACK)))
        .startsWith("app: start east again and verify it takes writes (wave 1)")
        .endsWith("db: switch back to east (wave 2)");
  }

  @Test
  void aRollForwardMovesOnlyTheMembersNotAtTheTargetInTheRunsOrder() {
    var byMember = RecoveryActions.byMember(actions(RecoveryOption.ROLL_FORWARD));

    assertThat(byMember.get("db").action()).isEqualTo(Action.SKIP);
    assertThat(byMember.get("db").describe()).contains("already primary in west");
    assertThat(byMember.get("cache").action()).isEqualTo(Action.SKIP);
    assertThat(byMember.get("app").action())
        .as("its run quiesced east: the move is finished from there")
        .isEqualTo(Action.CONTINUE);
    assertThat(byMember.get("app").site()).isEqualTo("west");
    assertThat(byMember.get("app").describe())
        .isEqualTo(
            "app: finish the switch to west from where the run stopped, every gate checked again"
                + " (wave 2)");
    assertThat(byMember.get("idle"))
        .isEqualTo(new MemberAction("idle", 2, Action.MOVE_FORWARD, "west", ""));
  }

  @Test
  void aMemberWhoseRunFailedAtItsPrecheckIsNotStartedAgainByARollBack() {
    List<StepRecord> log = List.of(record(1, "app", "precheck-replication", StepLogOutcome.FAILED));

    assertThat(RecoveryActions.passedAnAction(PLAN.member("app").orElseThrow(), log)).isFalse();
    assertThat(RecoveryActions.passedAnAction(PLAN.member("app").orElseThrow(), log())).isTrue();
  }
}
