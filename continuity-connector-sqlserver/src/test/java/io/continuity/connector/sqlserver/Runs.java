package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationPlan;
import io.continuity.connector.api.OperationRequest;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Runs a plan as the engine does, passing the monitored primary marker the store would hold. */
final class Runs {

  private Runs() {}

  static Map<String, StepResult> run(
      Connector connector, OperationType type, String target, Optional<ObservedMarker> monitored)
      throws Exception {
    OperationPlan plan = connector.plan(new OperationRequest(type, target, Map.of()));
    Map<String, String> facts = new HashMap<>();
    Map<String, StepResult> results = new LinkedHashMap<>();
    for (PlanStep step : plan.steps()) {
      StepContext context = new StepContext("run-" + type, plan, facts, monitored);
      StepResult result = connector.execute(step, context, step.timeout());
      results.put(step.id(), result);
      facts.putAll(result.facts());
      if (!result.succeeded()) {
        break;
      }
    }
    return results;
  }
}
