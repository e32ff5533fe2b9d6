package io.continuity.server.execution;

import io.continuity.server.inventory.ResourceRoleChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** What a {@link RunAttempt} works with: the stores, the recorder, the connectors and the pools. */
record RunEngine(
    ExecutionRequests requests,
    ExecutionRunRepository runs,
    StepLog stepLog,
    RunRecorder recorder,
    ExecutionPlanner planner,
    StepInvoker invoker,
    ExecutorService members,
    ResourceRoleChanges roles,
    EvidenceReader evidence,
    Clock clock) {

  /** The evidence of every member now, as stored JSON. */
  String evidenceJson(ExecutionPlan plan) {
    List<ResourceEvidence> all = new ArrayList<>();
    for (String id : plan.resourceIds()) {
      evidence.read(id).ifPresent(all::add);
    }
    return PlanJson.writeValue(all);
  }
}
