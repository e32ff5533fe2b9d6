package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run did to each member, from the confirmed plan, the durable step log and the roles the
 * inventory records now: completed (for a role change: switched, naming the primary), not started,
 * or failed at a step with the state it was left in, and the member's loss verdict. No statement
 * here may contradict the recorded roles: the primary named is always the inventory's.
 */
final class MemberVerdicts {

  private MemberVerdicts() {}

  /** How far a member's plan got. */
  enum Progress {
    COMPLETED,
    NOT_STARTED,
    FAILED
  }

  static EvidenceReport.MemberVerdict of(
      ExecutionRequestSnapshot request,
      String member,
      Optional<ExecutionPlan.MemberPlan> plan,
      List<StepRecord> memberLog,
      ResourceEvidence before,
      String primaryNow) {
    Map<String, StepRecord> last = new LinkedHashMap<>();
    memberLog.forEach(r -> last.put(r.stepId(), r));
    List<PlanStep> steps = plan.map(p -> p.plan().steps()).orElse(List.of());
    Optional<PlanStep> failedAt =
        steps.stream()
            .filter(s -> last.containsKey(s.id()))
            .filter(s -> last.get(s.id()).outcome() != StepLogOutcome.SUCCEEDED)
            .findFirst();
    boolean allDone =
        !steps.isEmpty()
            && steps.stream()
                .allMatch(
                    s ->
                        last.containsKey(s.id())
                            && last.get(s.id()).outcome() == StepLogOutcome.SUCCEEDED);
    Progress progress =
        allDone ? Progress.COMPLETED : memberLog.isEmpty() ? Progress.NOT_STARTED : Progress.FAILED;
    Optional<LossWindow> stated =
        memberLog.stream()
            .map(r -> LossFacts.read(r.facts()))
            .flatMap(Optional::stream)
            .reduce((a, b) -> b);
    OperationType type = request.type();
    LossWindow loss = null;
    if (type.changesRoles() && progress != Progress.NOT_STARTED) {
      loss =
          type == OperationType.FAILOVER
              ? LossVerdicts.failover(stated, before)
              : LossVerdicts.planned(stated);
      if (progress == Progress.FAILED && stated.isEmpty()) {
        loss = null;
      }
    }
    String target = plan.map(p -> p.plan().targetSite()).orElse(request.targetSite());
    String roles = roles(type, progress, failedAt, last, steps, target, primaryNow);
    String statement =
        loss == null ? capitalized(roles) : capitalized(loss.statement()) + "; " + roles;
    return new EvidenceReport.MemberVerdict(
        member,
        progress.name(),
        primaryNow,
        failedAt.map(PlanStep::id).orElse(null),
        failedAt.map(s -> last.get(s.id()).outcome().name()).orElse(null),
        loss,
        statement);
  }

  private static String roles(
      OperationType type,
      Progress progress,
      Optional<PlanStep> failedAt,
      Map<String, StepRecord> last,
      List<PlanStep> steps,
      String target,
      String primaryNow) {
    switch (progress) {
      case NOT_STARTED:
        return "not started: roles unchanged, primary " + primaryNow;
      case COMPLETED:
        if (!type.changesRoles()) {
          return "completed: production roles unchanged, primary " + primaryNow;
        }
        return target.equals(primaryNow)
            ? "switched: primary now " + primaryNow
            : "every step passed but the inventory records "
                + primaryNow
                + " as primary, not "
                + target;
      default:
        PlanStep failed = failedAt.orElse(null);
        if (failed == null) {
          return "stopped before its last step: primary recorded " + primaryNow;
        }
        StepRecord record = last.get(failed.id());
        int index = steps.indexOf(failed);
        String left =
            index == 0
                ? "left as before the run"
                : "left as after step " + steps.get(index - 1).id();
        return "failed at step "
            + failed.id()
            + " ("
            + record.outcome()
            + (StepDoubts.unknown(record) ? ", outcome unknown: check it by hand" : "")
            + "); "
            + left
            + "; primary recorded "
            + primaryNow;
    }
  }

  /** The group's roles in one sentence: together on one site, or split and where. */
  static String groupSummary(List<EvidenceReport.MemberVerdict> members) {
    Map<String, List<String>> bySite = new LinkedHashMap<>();
    for (EvidenceReport.MemberVerdict m : members) {
      bySite.computeIfAbsent(m.primaryNow(), k -> new java.util.ArrayList<>()).add(m.resourceId());
    }
    if (bySite.size() <= 1) {
      return "all members primary in " + bySite.keySet().stream().findFirst().orElse("?");
    }
    StringBuilder text = new StringBuilder("split: ");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : bySite.entrySet()) {
      text.append(first ? "" : ", ")
          .append(String.join(" and ", e.getValue()))
          .append(first ? " now primary in " : " in ")
          .append(e.getKey());
      first = false;
    }
    return text.toString();
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
