package io.continuity.server.execution;

import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a recovery plan does to each member of a FAILED run (decision 021), from the run's confirmed
 * plan, its durable step log and the primaries the inventory records now:
 *
 * <ul>
 *   <li>roll back: a member that moved is switched back to its primary from before the run; a
 *       member that did not move but whose run passed an action (a quiesce) gets its old primary
 *       started again and a write verified; an untouched member is skipped. The waves run in
 *       reverse dependency order (the last wave first).
 *   <li>roll forward: a member not at the run's target is moved there again, in the run's wave
 *       order, with every gate checked again; a member already there is skipped, not failed.
 * </ul>
 */
final class RecoveryActions {

  private RecoveryActions() {}

  /** What happens to one member. */
  enum Action {
    SWITCH_BACK,
    RESUME_PRIMARY,
    MOVE_FORWARD,
    /** Roll-forward of a member its run left part-way: the move finished from the quiesce. */
    CONTINUE,
    SKIP
  }

  /**
   * One member's action: {@code site} is the site that is primary afterwards; {@code wave} the wave
   * of the recovery run (1-based).
   */
  record MemberAction(String resourceId, int wave, Action action, String site, String why) {

    boolean runs() {
      return action != Action.SKIP;
    }

    /** In words, for the API, the console and the notification. */
    String describe() {
      return switch (action) {
        case SWITCH_BACK -> resourceId + ": switch back to " + site + " (wave " + wave + ")";
        case RESUME_PRIMARY ->
            resourceId
                + ": start "
                + site
                + " again and verify it takes writes (wave "
                + wave
                + ")";
        case MOVE_FORWARD -> resourceId + ": switch to " + site + " again (wave " + wave + ")";
        case CONTINUE ->
            resourceId
                + ": finish the switch to "
                + site
                + " from where the run stopped, every gate checked again (wave "
                + wave
                + ")";
        case SKIP -> resourceId + ": nothing to do (" + why + ")";
      };
    }
  }

  /**
   * @param primaryNow the primary the inventory records for a member now
   * @param sourceOf the site that was primary before the run, given a member and its target
   */
  static List<MemberAction> of(
      RecoveryOption option,
      ExecutionPlan failedPlan,
      List<StepRecord> log,
      UnaryOperator<String> primaryNow,
      BinaryOperator<String> sourceOf) {
    int lastWave = failedPlan.members().stream().mapToInt(m -> m.wave()).max().orElse(1);
    List<MemberAction> actions = new ArrayList<>();
    for (ExecutionPlan.MemberPlan member : failedPlan.members()) {
      String id = member.resourceId();
      String target = member.plan().targetSite();
      String before = sourceOf.apply(id, target);
      String now = primaryNow.apply(id);
      if (option == RecoveryOption.ROLL_FORWARD) {
        if (now.equals(target)) {
          actions.add(
              new MemberAction(
                  id, member.wave(), Action.SKIP, target, "already primary in " + target));
        } else if (passedAnAction(member, log)) {
          actions.add(
              new MemberAction(
                  id,
                  member.wave(),
                  Action.CONTINUE,
                  target,
                  "its run stopped after an action, with " + now + " quiesced"));
        } else {
          actions.add(new MemberAction(id, member.wave(), Action.MOVE_FORWARD, target, ""));
        }
        continue;
      }
      int wave = lastWave - member.wave() + 1;
      if (now.equals(target)) {
        actions.add(new MemberAction(id, wave, Action.SWITCH_BACK, before, ""));
      } else if (passedAnAction(member, log)) {
        actions.add(
            new MemberAction(
                id,
                wave,
                Action.RESUME_PRIMARY,
                now,
                "its run stopped after an action, with " + now + " still primary"));
      } else {
        actions.add(
            new MemberAction(
                id, wave, Action.SKIP, now, "untouched by the run, primary in " + now));
      }
    }
    return actions;
  }

  /** Whether the member's run got past an ACTION step (a quiesce, a fence) without moving it. */
  static boolean passedAnAction(ExecutionPlan.MemberPlan member, List<StepRecord> log) {
    Set<String> actions =
        member.plan().steps().stream()
            .filter(s -> s.kind() == StepKind.ACTION)
            .map(PlanStep::id)
            .collect(Collectors.toSet());
    return log.stream()
        .filter(r -> r.memberResourceId().equals(member.resourceId()))
        .filter(r -> r.outcome() == StepLogOutcome.SUCCEEDED)
        .anyMatch(r -> actions.contains(r.stepId()));
  }

  /** The actions that run, as one line each. */
  static List<String> describe(List<MemberAction> actions) {
    return actions.stream()
        .sorted(java.util.Comparator.comparingInt(MemberAction::wave))
        .map(MemberAction::describe)
        .toList();
  }

  static Map<String, MemberAction> byMember(List<MemberAction> actions) {
    return actions.stream().collect(Collectors.toMap(MemberAction::resourceId, a -> a));
  }
}
