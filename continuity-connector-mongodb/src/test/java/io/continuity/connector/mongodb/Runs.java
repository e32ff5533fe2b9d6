package io.continuity.connector.mongodb;

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

/** Runs a plan's steps in order as the engine does, optionally up to (not including) one step. */
final class Runs {

  private Runs() {}

  static Map<String, StepResult> run(
      Connector connector,
      OperationType type,
      String target,
      Optional<ObservedMarker> monitored,
      String stopBefore)
      throws Exception {
    OperationPlan plan = connector.plan(new OperationRequest(type, target, Map.of()));
    return continueRun(connector, plan, new HashMap<>(), monitored, null, stopBefore);
  }

  /** Runs the steps from {@code from} (or the first) up to {@code stopBefore} (or the end). */
  static Map<String, StepResult> continueRun(
      Connector connector,
      OperationPlan plan,
      Map<String, String> facts,
      Optional<ObservedMarker> monitored,
      String from,
      String stopBefore)
      throws Exception {
    Map<String, StepResult> results = new LinkedHashMap<>();
    boolean started = from == null;
    for (PlanStep step : plan.steps()) {
      if (step.id().equals(stopBefore)) {
        break;
      }
      started = started || step.id().equals(from);
      if (!started) {
        continue;
      }
      StepContext context = new StepContext("test", plan, facts, monitored);
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
