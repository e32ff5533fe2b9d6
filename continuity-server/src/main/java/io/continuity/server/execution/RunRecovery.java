package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds RUNNING executions whose runner is gone (no live lease) at start-up and then every lease
 * duration, takes their lease and applies the {@link ResumeDecision}: resume over idempotent steps
 * (audited EXECUTION_RESUMED with the reason), or FAILED with reason INTERRUPTED naming the step in
 * flight.
 */
@Component
class RunRecovery {

  private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

  private final ExecutionRunRepository runs;
  private final ExecutionLeases leases;
  private final StepLog stepLog;
  private final ExecutionRunner runner;
  private final ExecutionRequests requests;

  RunRecovery(
      ExecutionRunRepository runs,
      ExecutionLeases leases,
      StepLog stepLog,
      ExecutionRunner runner,
      ExecutionRequests requests) {
    this.runs = runs;
    this.leases = leases;
    this.stepLog = stepLog;
    this.runner = runner;
    this.requests = requests;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    recoverAll(true);
    long every = leases.duration().toMillis();
    runner
        .scheduler()
        .scheduleWithFixedDelay(() -> recoverAll(false), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * One pass over every RUNNING execution no runner holds.
   *
   * @param atStartUp leases in this instance's own name count as lapsed (left by its previous life)
   */
  void recoverAll(boolean atStartUp) {
    try {
      for (String id : runs.running()) {
        if (!runner.isActive(id) && leases.isFree(id, atStartUp)) {
          recover(id);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Recovery pass failed: {}", e.getMessage());
    }
  }

  /** Decides and acts on one execution whose runner is gone; empty when its lease was taken. */
  Optional<ResumeDecision> recover(String id) {
    Optional<ExecutionLease> taken = leases.acquire(id);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    ExecutionLease lease = taken.get();
    ExecutionRequestSnapshot request = requests.find(id).orElseThrow();
    Optional<ExecutionRunRepository.StoredRun> stored = runs.find(id);
    ResumeDecision decision =
        stored.isPresent()
            ? ResumeDecision.decide(stored.get().plan(), stepLog.list(id))
            : new ResumeDecision.Interrupt(
                request.scope().id(),
                request.currentStep().orElse("-"),
                "INTERRUPTED: no confirmed plan is stored for this run");
    if (decision instanceof ResumeDecision.Resume resume) {
      log.warn("Resuming execution {}: {}", id, resume.reason());
      runner.recorder().resumed(lease, request, resume.reason());
      runner.resume(lease, resume.positions());
    } else if (decision instanceof ResumeDecision.Interrupt interrupt) {
      log.warn("Execution {} interrupted: {}", id, interrupt.reason());
      Optional<String> step =
          request.currentStep().isPresent()
              ? request.currentStep()
              : Optional.of(interrupt.stepId());
      runner.recorder().failed(lease, id, interrupt.reason(), step, null);
    }
    return Optional.of(decision);
  }
}
