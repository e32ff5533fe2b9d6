package io.continuity.core.execution;

import static io.continuity.core.execution.ExecutionState.RUNNING;

import io.continuity.core.approval.RefusalRule;
import io.continuity.core.audit.ExecutionFailed;
import io.continuity.core.audit.ExecutionSucceeded;
import io.continuity.core.audit.PostcheckResult;
import io.continuity.core.audit.PrecheckResult;
import io.continuity.core.audit.StepCompleted;
import io.continuity.core.audit.StepFailed;
import io.continuity.core.audit.StepStarted;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands of a RUNNING request, issued by the execution engine ({@link
 * ExecutionRequest#ENGINE}): the step log (one step in progress at a time), precheck and postcheck
 * results, and the end of the run. Obtained from {@link ExecutionRequest#run()}; each command
 * changes that request and records one audit event on it, under the same rules as its other
 * commands. A run succeeds only when no step or check failed; otherwise it must fail.
 */
public final class RunProgress {

  private static final String RUNNING_ONLY = "run progress is recorded only while RUNNING";

  private final ExecutionRequest request;

  RunProgress(ExecutionRequest request) {
    this.request = request;
  }

  /** A plan step started; no other step may be in progress. */
  public StepStarted recordStepStarted(String stepId, Instant now) {
    ExecutionRequestSnapshot current = running("recordStepStarted", stepId);
    guard(current, "recordStepStarted")
        .that(
            current.currentStep().isEmpty(),
            "has step "
                + current.currentStep().orElse("")
                + " in progress; record its completion or failure first");
    Change change = new Change(current);
    change.currentStep = Optional.of(stepId);
    return request.commit(change, new StepStarted(current.subject(), engine(), now, "", stepId));
  }

  /** The step in progress completed; {@code output} is its sanitized output. */
  public StepCompleted recordStepCompleted(String stepId, String output, Instant now) {
    ExecutionRequestSnapshot current = inProgress("recordStepCompleted", stepId);
    Change change = new Change(current);
    change.currentStep = Optional.empty();
    change.completedSteps.add(stepId);
    return request.commit(
        change, new StepCompleted(current.subject(), engine(), now, output, stepId));
  }

  /** The step in progress failed; the run can then only fail. */
  public StepFailed recordStepFailed(String stepId, String error, Instant now) {
    ExecutionRequestSnapshot current = inProgress("recordStepFailed", stepId);
    Change change = new Change(current);
    change.currentStep = Optional.empty();
    change.failedChecks.add(stepId);
    return request.commit(change, new StepFailed(current.subject(), engine(), now, error, stepId));
  }

  /** One precheck's result; a failed precheck means the run can only fail. */
  public PrecheckResult recordPrecheck(String checkId, boolean passed, String detail, Instant now) {
    ExecutionRequestSnapshot current = running("recordPrecheck", checkId);
    return request.commit(
        check(current, checkId, passed),
        new PrecheckResult(current.subject(), engine(), now, detail, checkId, passed));
  }

  /** One postcheck's result; a failed postcheck means the run can only fail. */
  public PostcheckResult recordPostcheck(
      String checkId, boolean passed, String detail, Instant now) {
    ExecutionRequestSnapshot current = running("recordPostcheck", checkId);
    return request.commit(
        check(current, checkId, passed),
        new PostcheckResult(current.subject(), engine(), now, detail, checkId, passed));
  }

  /** The run ended well (SUCCEEDED): no step in progress, no step or check failed. */
  public ExecutionSucceeded succeed(Instant now) {
    ExecutionRequestSnapshot current = running("succeed", "-");
    Guard guard = guard(current, "succeed");
    guard.that(
        current.currentStep().isEmpty(),
        "has step " + current.currentStep().orElse("") + " in progress");
    if (!current.failedChecks().isEmpty()) {
      throw guard.policy(
          RefusalRule.CHECKS_FAILED,
          "request "
              + current.id()
              + " has failed steps or checks "
              + current.failedChecks()
              + "; record the failure instead");
    }
    Change change = new Change(current).enter(ExecutionState.SUCCEEDED, now);
    return request.commit(
        change,
        new ExecutionSucceeded(current.subject(), engine(), now, "all steps and checks passed"));
  }

  /** The run stopped (FAILED) on a failed step, check, timeout or interruption. */
  public ExecutionFailed fail(String reason, Optional<String> stepId, Instant now) {
    ExecutionRequestSnapshot current = running("fail", "-");
    Objects.requireNonNull(stepId, "stepId");
    String why = guard(current, "fail").text(reason, RefusalRule.REASON_REQUIRED, "a reason");
    Change change = new Change(current).enter(ExecutionState.FAILED, now);
    change.currentStep = Optional.empty();
    change.failure = Optional.of(new Failure(why, stepId, now));
    return request.commit(
        change, new ExecutionFailed(current.subject(), engine(), now, why, stepId));
  }

  private ExecutionRequestSnapshot running(String action, String id) {
    Objects.requireNonNull(id, "step or check id");
    if (id.isBlank()) {
      throw new IllegalArgumentException(action + " needs a step or check id");
    }
    ExecutionRequestSnapshot current = request.snapshot();
    guard(current, action).state(RUNNING_ONLY, RUNNING);
    return current;
  }

  private ExecutionRequestSnapshot inProgress(String action, String stepId) {
    ExecutionRequestSnapshot current = running(action, stepId);
    guard(current, action)
        .that(
            current.currentStep().equals(Optional.of(stepId)),
            "has "
                + current.currentStep().map(step -> "step " + step).orElse("no step")
                + " in progress, not "
                + stepId);
    return current;
  }

  private static Guard guard(ExecutionRequestSnapshot current, String action) {
    return Guard.of(current, action, ExecutionRequest.ENGINE);
  }

  private static Change check(ExecutionRequestSnapshot current, String checkId, boolean passed) {
    Change change = new Change(current);
    if (!passed) {
      change.failedChecks.add(checkId);
    }
    return change;
  }

  private static String engine() {
    return ExecutionRequest.ENGINE.id();
  }
}
