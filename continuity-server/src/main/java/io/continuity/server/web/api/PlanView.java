package io.continuity.server.web.api;

import io.continuity.connector.api.PlanStep;
import io.continuity.server.execution.CheckResult;
import io.continuity.server.execution.ExecutionPlan;
import io.continuity.server.execution.PlanPreview;
import io.continuity.server.execution.ResourceEvidence;
import java.util.List;

/**
 * The plan of an execution as the API shows it: the steps per member, the prechecks, the evidence,
 * the data-loss warning and (for a person who may confirm now) the confirmation token.
 */
public record PlanView(
    String executionId,
    String state,
    String type,
    String targetSite,
    PlanBody plan,
    String planError,
    List<CheckResult> prechecks,
    boolean prechecksPassed,
    List<ResourceEvidence> evidence,
    List<String> dataLoss,
    List<String> changedSinceApproval,
    String confirmationToken,
    String confirmation) {

  /** The ordered member plans and the plan hash the token binds. */
  public record PlanBody(String hash, List<MemberView> members) {}

  /** One member's plan. */
  public record MemberView(String resourceId, int wave, String targetSite, List<StepView> steps) {}

  /** One step. */
  public record StepView(
      String id,
      String name,
      String kind,
      String description,
      long timeoutSeconds,
      boolean idempotent) {}

  static PlanView of(PlanPreview p) {
    return new PlanView(
        p.request().id(),
        p.request().state().name(),
        p.request().type().name(),
        p.request().targetSite(),
        p.plan().map(PlanView::body).orElse(null),
        p.planError().orElse(null),
        p.prechecks(),
        p.prechecksPassed(),
        p.evidence(),
        p.dataLoss(),
        p.changedSinceApproval(),
        p.confirmationToken().orElse(null),
        p.confirmation());
  }

  private static PlanBody body(ExecutionPlan plan) {
    return new PlanBody(
        plan.hash(),
        plan.members().stream()
            .map(
                m ->
                    new MemberView(
                        m.resourceId(),
                        m.wave(),
                        m.plan().targetSite(),
                        m.plan().steps().stream().map(PlanView::step).toList()))
            .toList());
  }

  private static StepView step(PlanStep s) {
    return new StepView(
        s.id(),
        s.name(),
        s.kind().name(),
        s.description(),
        s.timeout().toSeconds(),
        s.idempotent());
  }
}
