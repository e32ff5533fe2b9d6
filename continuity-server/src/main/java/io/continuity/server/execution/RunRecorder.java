package io.continuity.server.execution;

import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepKind;
import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.core.audit.MemberStepEvents;
import io.continuity.core.execution.ExecutionRequest;
import io.continuity.core.execution.ExecutionRequestSnapshot;
import io.continuity.core.execution.ExecutionScope;
import io.continuity.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what a run does, each fact in one transaction with its fencing check: the step-log row,
 * the request's run progress and the audit events. A resource request records its steps on the
 * request itself ({@code RunProgress}); a group request records each wave there ({@code wave-1},
 * ...) and each member's steps as STEP_* audit events naming the member, because the members of a
 * wave run in parallel and the request holds one step in progress at a time.
 */
final class RunRecorder {

  private final ExecutionRequests requests;
  private final StepLog stepLog;
  private final ExecutionLeases leases;
  private final ExecutionRunRepository runs;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  /** Run after a run is recorded FAILED (its doubt, if any, must show on the next status read). */
  private final Runnable afterFailed;

  RunRecorder(
      ExecutionRequests requests,
      StepLog stepLog,
      ExecutionLeases leases,
      ExecutionRunRepository runs,
      AuditTrail audit,
      TransactionTemplate tx,
      Clock clock,
      Runnable afterFailed) {
    this.afterFailed = afterFailed;
    this.requests = requests;
    this.stepLog = stepLog;
    this.leases = leases;
    this.runs = runs;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  void stepStarted(ExecutionLease lease, ExecutionRequestSnapshot request, StepRecord record) {
    if (isGroup(request)) {
      tx.executeWithoutResult(
          status -> {
            stepLog.started(lease, record);
            audit.append(memberEvents(request).started(member(record), now()));
          });
      return;
    }
    requests.engine(
        request.id(),
        (r, now) -> {
          if (!r.snapshot().currentStep().equals(Optional.of(record.stepId()))) {
            r.run().recordStepStarted(record.stepId(), now);
          }
        },
        () -> stepLog.started(lease, record));
  }

  void stepFinished(
      ExecutionLease lease,
      ExecutionRequestSnapshot request,
      StepRecord record,
      PlanStep step,
      StepInvoker.Outcome outcome) {
    Instant at = now();
    Runnable write =
        () ->
            stepLog.finished(
                lease, record.seq(), outcome.outcome(), at, outcome.output(), outcome.facts());
    boolean ok = outcome.succeeded();
    if (isGroup(request)) {
      tx.executeWithoutResult(
          status -> {
            write.run();
            MemberStepEvents events = memberEvents(request);
            audit.append(
                events.finished(
                    member(record), at, ok, outcome.outcome().name(), outcome.output()));
            if (step.kind() == StepKind.PRECHECK || step.kind() == StepKind.POSTCHECK) {
              audit.append(
                  events.checkResult(
                      member(record), at, step.kind() == StepKind.POSTCHECK, ok, outcome.output()));
            }
          });
      return;
    }
    requests.engine(
        request.id(),
        (r, now) -> {
          if (ok) {
            r.run().recordStepCompleted(step.id(), outcome.output(), now);
          } else {
            r.run().recordStepFailed(step.id(), outcome.outcome() + ": " + outcome.output(), now);
          }
          if (step.kind() == StepKind.POSTCHECK) {
            r.run().recordPostcheck(step.id(), ok, outcome.output(), now);
          } else if (step.kind() == StepKind.PRECHECK) {
            r.run().recordPrecheck(step.id(), ok, outcome.output(), now);
          }
        },
        write);
  }

  /**
   * Ends a step that succeeded and starts the next one in one transaction (a resource request only;
   * a group's members write their own events): the same rows and audit events as {@link
   * #stepFinished} then {@link #stepStarted}, in that order, with one commit and one load of the
   * request instead of two. The log is still written after the step and before the next; between
   * two steps of a switchover's write window this halves what the writes cost.
   *
   * @throws IllegalArgumentException for a group request or a step that did not succeed
   */
  void stepFinishedNextStarted(
      ExecutionLease lease,
      ExecutionRequestSnapshot request,
      StepRecord record,
      PlanStep step,
      StepInvoker.Outcome outcome,
      StepRecord next) {
    if (isGroup(request) || !outcome.succeeded()) {
      throw new IllegalArgumentException("only a succeeded step of a resource request");
    }
    Instant at = now();
    requests.engine(
        request.id(),
        (r, now) -> {
          r.run().recordStepCompleted(step.id(), outcome.output(), now);
          if (step.kind() == StepKind.POSTCHECK) {
            r.run().recordPostcheck(step.id(), true, outcome.output(), now);
          } else if (step.kind() == StepKind.PRECHECK) {
            r.run().recordPrecheck(step.id(), true, outcome.output(), now);
          }
          r.run().recordStepStarted(next.stepId(), now);
        },
        () -> {
          stepLog.finished(
              lease, record.seq(), outcome.outcome(), at, outcome.output(), outcome.facts());
          stepLog.started(lease, next);
        });
  }

  /** A group's wave as one step of the request. */
  void waveStarted(ExecutionLease lease, String executionId, String waveId) {
    requests.engine(
        executionId,
        (r, now) -> {
          if (!r.snapshot().currentStep().equals(Optional.of(waveId))) {
            r.run().recordStepStarted(waveId, now);
          }
        },
        () -> leases.fence(lease));
  }

  void waveEnded(ExecutionLease lease, String executionId, String waveId, boolean ok, String text) {
    requests.engine(
        executionId,
        (r, now) -> {
          if (ok) {
            r.run().recordStepCompleted(waveId, text, now);
          } else {
            r.run().recordStepFailed(waveId, text, now);
          }
        },
        () -> leases.fence(lease));
  }

  void succeeded(ExecutionLease lease, String executionId, String evidenceAfter) {
    requests.engine(
        executionId,
        (r, now) -> r.run().succeed(now),
        () -> {
          leases.fence(lease);
          runs.releaseClaims(executionId);
          runs.setEvidenceAfter(executionId, evidenceAfter);
        });
    leases.release(lease);
  }

  void failed(
      ExecutionLease lease,
      String executionId,
      String reason,
      Optional<String> stepId,
      String evidenceAfter) {
    requests.engine(
        executionId,
        (r, now) -> r.run().fail(reason, stepId, now),
        () -> {
          leases.fence(lease);
          stepLog.interrupt(lease, now(), "the run stopped: " + reason);
          runs.releaseClaims(executionId);
          if (evidenceAfter != null) {
            runs.setEvidenceAfter(executionId, evidenceAfter);
          }
        });
    afterFailed.run();
    leases.release(lease);
  }

  /**
   * Audits that a run resumes after its runner was lost, and why that is safe; the attempt the lost
   * runner left in flight is closed as INTERRUPTED (its outcome unknown) in the same transaction,
   * so the re-run is a new attempt and the log never shows a step still running after the end.
   */
  void resumed(ExecutionLease lease, ExecutionRequestSnapshot request, String reason) {
    tx.executeWithoutResult(
        status -> {
          leases.fence(lease);
          stepLog.interrupt(lease, now(), "the runner was lost; " + reason);
          audit.append(
              new GenericAuditEvent(
                  "EXECUTION_RESUMED",
                  ExecutionRequest.ENGINE.id(),
                  now(),
                  Optional.of(request.id()),
                  resourceOf(request),
                  reason,
                  request.changeTicket(),
                  Map.of("owner", lease.owner(), "fencingToken", String.valueOf(lease.token()))));
        });
  }

  private static MemberStepEvents memberEvents(ExecutionRequestSnapshot request) {
    return new MemberStepEvents(
        request.id(), request.scope().id(), request.changeTicket(), ExecutionRequest.ENGINE.id());
  }

  private static MemberStepEvents.Step member(StepRecord record) {
    return new MemberStepEvents.Step(
        record.memberResourceId(), record.stepId(), record.seq(), record.attempt());
  }

  private static boolean isGroup(ExecutionRequestSnapshot request) {
    return request.scope() instanceof ExecutionScope.GroupScope;
  }

  private static Optional<String> resourceOf(ExecutionRequestSnapshot request) {
    return request.scope() instanceof ExecutionScope.ResourceScope r
        ? Optional.of(r.resourceId())
        : Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
