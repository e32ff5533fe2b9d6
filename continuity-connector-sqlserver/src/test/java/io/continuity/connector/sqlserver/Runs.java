package io.continuity.connector.sqlserver;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.ObservedMarker;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import java.util.Map;
import java.util.Optional;

/** Runs a plan as the engine does, passing the monitored primary marker the store would hold. */
final class Runs {

  private Runs() {}

  static Map<String, StepResult> run(
      Connector connector, OperationType type, String target, Optional<ObservedMarker> monitored)
      throws Exception {
    return PlanRunner.run(connector, type, target, Map.of(), monitored);
  }
}
