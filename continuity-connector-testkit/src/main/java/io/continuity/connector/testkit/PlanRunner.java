package io.continuity.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Runs a plan the way the execution engine does — in order, each step with its own timeout, the
 * facts of the steps before it carried forward, stop at the first failure — for connector tests
 * against real or faithfully faked topologies. One copy for every connector.
 */
public final class PlanRunner {

  private PlanRunner() {}

  /** Step results by id, in order; stops at the first failed step. */
  public static Map<String, StepResult> run(
      Connector connector, OperationType type, String target, Map<String, String> inputFacts)
      throws Exception {
    return run(connector, type, target, inputFacts, Optional.empty());
  }

  /**
   * Step results by id, in order, each step given {@code lastPrimaryMarker} as the engine gives the
   * last primary marker monitoring stored; stops at the first failed step.
   */
  public static Map<String, StepResult> run(
      Connector connector,
      OperationType type,
      String target,
      Map<String, String> inputFacts,
      Optional<ObservedMarker> lastPrimaryMarker)
      throws Exception {
    OperationPlan plan = connector.plan(new OperationRequest(type, target, Map.of()));
    return run(connector, plan, inputFacts, lastPrimaryMarker);
  }

  /** Runs a plan already made, as {@link #run(Connector, OperationType, String, Map)} does. */
  public static Map<String, StepResult> run(
      Connector connector,
      OperationPlan plan,
      Map<String, String> inputFacts,
      Optional<ObservedMarker> lastPrimaryMarker)
      throws Exception {
    OperationType type = plan.type();
    Map<String, String> facts = new HashMap<>(inputFacts);
    Map<String, StepResult> results = new LinkedHashMap<>();
    for (PlanStep step : plan.steps()) {
      long started = System.nanoTime();
      StepResult result =
          connector.execute(
              step, new StepContext("it-" + type, plan, facts, lastPrimaryMarker), step.timeout());
      System.out.printf(
          "%s %-24s %-9s %5d ms  %s%n",
          type,
          step.id(),
          result.outcome(),
          (System.nanoTime() - started) / 1_000_000,
          result.output().lines().findFirst().orElse(""));
      if (!result.succeeded()) {
        System.out.println(result.output());
      }
      results.put(step.id(), result);
      facts.putAll(result.facts());
      if (!result.succeeded()) {
        break;
      }
    }
    return results;
  }

  /**
   * Runs the plan as the engine does, but every idempotent step twice in a row with the same facts,
   * as a resumed run would after a crash between the step's effect and its recorded outcome; stops
   * at the first failure of either run. Results are the second runs'.
   */
  public static Map<String, StepResult> runEachStepTwice(
      Connector connector, OperationType type, String target) throws Exception {
    OperationPlan plan = connector.plan(new OperationRequest(type, target, Map.of()));
    Map<String, String> facts = new HashMap<>();
    Map<String, StepResult> results = new LinkedHashMap<>();
    for (PlanStep step : plan.steps()) {
      StepContext context = new StepContext("rerun-" + type, plan, Map.copyOf(facts));
      StepResult first = connector.execute(step, context, step.timeout());
      StepResult result = first;
      if (first.succeeded() && step.idempotent()) {
        result = connector.execute(step, context, step.timeout());
      }
      System.out.printf(
          "%s %-24s first %-9s again %-9s %s%n",
          type,
          step.id(),
          first.outcome(),
          result.outcome(),
          result.output().lines().findFirst().orElse(""));
      results.put(step.id(), result);
      facts.putAll(first.facts());
      facts.putAll(result.facts());
      if (!result.succeeded()) {
        System.out.println(result.output());
        break;
      }
    }
    return results;
  }

  /** Every step of {@code plan} ran, in order, and succeeded. */
  public static void assertAllSucceeded(Map<String, StepResult> results, OperationPlan plan) {
    assertThat(results.keySet())
        .as("every step ran")
        .containsExactlyElementsOf(plan.steps().stream().map(PlanStep::id).toList());
    results.forEach(
        (id, r) -> assertThat(r.succeeded()).as("step %s: %s", id, r.output()).isTrue());
  }
}
