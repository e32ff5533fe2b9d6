package io.continuity.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The step events of one member of a group run, in the same types and detail keys as a resource
 * run's ({@link StepStarted}, {@link StepCompleted}, {@link StepFailed}, {@link PrecheckResult},
 * {@link PostcheckResult}: {@code stepId}, and {@code checkId} / {@code passed} for checks), plus
 * what tells the members of a group apart: the member resource, {@code groupId}, {@code seq} and
 * {@code attempt} of the step-log row. One shape, so the evidence report, notifications and
 * auditors read resource and group runs alike.
 */
public final class MemberStepEvents {

  private final String executionId;
  private final String groupId;
  private final Optional<String> changeTicket;
  private final String actor;

  public MemberStepEvents(
      String executionId, String groupId, Optional<String> changeTicket, String actor) {
    this.executionId = Objects.requireNonNull(executionId, "executionId");
    this.groupId = Objects.requireNonNull(groupId, "groupId");
    this.changeTicket = Objects.requireNonNull(changeTicket, "changeTicket");
    this.actor = Objects.requireNonNull(actor, "actor");
  }

  /** Which step-log row an event is about. */
  public record Step(String memberResourceId, String stepId, int seq, int attempt) {
    public Step {
      Objects.requireNonNull(memberResourceId, "memberResourceId");
      Objects.requireNonNull(stepId, "stepId");
    }
  }

  public GenericAuditEvent started(Step step, Instant at) {
    return event("STEP_STARTED", step, at, "", Map.of());
  }

  /** STEP_COMPLETED or STEP_FAILED, with the step log's outcome. */
  public GenericAuditEvent finished(
      Step step, Instant at, boolean succeeded, String outcome, String output) {
    return event(
        succeeded ? "STEP_COMPLETED" : "STEP_FAILED", step, at, output, Map.of("outcome", outcome));
  }

  /** PRECHECK_RESULT or POSTCHECK_RESULT of a check step. */
  public GenericAuditEvent checkResult(
      Step step, Instant at, boolean postcheck, boolean passed, String detail) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("checkId", step.stepId());
    extra.put("passed", String.valueOf(passed));
    return event(postcheck ? "POSTCHECK_RESULT" : "PRECHECK_RESULT", step, at, detail, extra);
  }

  private GenericAuditEvent event(
      String type, Step step, Instant at, String reason, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("groupId", groupId);
    details.put("stepId", step.stepId());
    details.put("seq", String.valueOf(step.seq()));
    details.put("attempt", String.valueOf(step.attempt()));
    details.putAll(extra);
    return new GenericAuditEvent(
        type,
        actor,
        at,
        Optional.of(executionId),
        Optional.of(step.memberResourceId()),
        reason,
        changeTicket,
        details);
  }
}
