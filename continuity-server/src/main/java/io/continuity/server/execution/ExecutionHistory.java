package io.continuity.server.execution;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The executions that succeeded, for readiness reports: when each drill, switchover and failover
 * last proved a resource or group, and what its evidence concluded.
 */
@Service
public class ExecutionHistory {

  private final ExecutionHistoryRepository repository;
  private final EvidenceReports evidence;

  ExecutionHistory(JdbcClient jdbc, EvidenceReports evidence) {
    this.repository = new ExecutionHistoryRepository(jdbc);
    this.evidence = evidence;
  }

  /**
   * One successful execution.
   *
   * @param type DRILL, SWITCHOVER, FAILOVER or FAILBACK
   * @param group true when {@code scopeId} names a group
   * @param succeededAt when it entered SUCCEEDED
   */
  public record Succeeded(
      String id, String type, boolean group, String scopeId, Instant succeededAt) {}

  /** Every execution that succeeded, in no particular order (one query). */
  public List<Succeeded> succeeded() {
    return repository.succeeded();
  }

  /** The evidence conclusion of an execution ("Caught up to marker X", ...). */
  public String conclusion(String executionId) {
    return evidence.report(executionId).conclusion();
  }
}
