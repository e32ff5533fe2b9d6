package io.continuity.server.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable, fenced step log: every write first checks the writer's fencing token ({@link
 * ExecutionLeases#fence}) in the same transaction, so a runner that lost its lease cannot record
 * another step. Joins the caller's transaction when there is one (the engine saves the request and
 * its audit events in it too).
 */
public class StepLog {

  private final StepLogRepository repository;
  private final ExecutionLeases leases;
  private final TransactionTemplate tx;

  StepLog(StepLogRepository repository, ExecutionLeases leases, TransactionTemplate tx) {
    this.repository = repository;
    this.leases = leases;
    this.tx = tx;
  }

  /**
   * Writes a STARTED row before the step runs.
   *
   * @throws LeaseLostException when the lease is no longer the writer's (nothing written)
   */
  public void started(ExecutionLease lease, StepRecord record) {
    tx.executeWithoutResult(
        status -> {
          leases.fence(lease);
          repository.insert(record);
        });
  }

  /**
   * Ends a STARTED row with the step's outcome, output and facts.
   *
   * @throws LeaseLostException when the lease is no longer the writer's (nothing written)
   */
  public void finished(
      ExecutionLease lease,
      int seq,
      StepLogOutcome outcome,
      Instant at,
      String output,
      Map<String, String> facts) {
    tx.executeWithoutResult(
        status -> {
          leases.fence(lease);
          if (!repository.finish(lease.executionId(), seq, outcome, at, output, facts)) {
            throw new IllegalStateException(
                "step #" + seq + " of " + lease.executionId() + " is not in progress");
          }
        });
  }

  /** Marks the attempts in flight INTERRUPTED, fenced like every write. */
  public void interrupt(ExecutionLease lease, Instant at, String output) {
    tx.executeWithoutResult(
        status -> {
          leases.fence(lease);
          repository.interruptStarted(lease.executionId(), at, output);
        });
  }

  /** Every attempt of the execution, in order. */
  public List<StepRecord> list(String executionId) {
    return repository.list(executionId);
  }
}
