package io.continuity.connector.support;

import io.continuity.connector.api.ConnectorConfig;
import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PlanStep;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs a plan step by its id. A connector registers one handler per step id it plans; a step id it
 * does not know is refused as a permanent failure (nothing ran), never guessed at.
 */
public final class StepRouter {

  /** Runs one step. */
  @FunctionalInterface
  public interface StepHandler {
    StepResult run(StepContext context, Duration timeout) throws ConnectorException;
  }

  private final String connectorName;
  private final Map<String, StepHandler> handlers;

  private StepRouter(String connectorName, Map<String, StepHandler> handlers) {
    this.connectorName = connectorName;
    this.handlers = Map.copyOf(handlers);
  }

  public static Builder of(String connectorName) {
    return new Builder(connectorName);
  }

  /** The step ids this router runs. */
  public Set<String> stepIds() {
    return handlers.keySet();
  }

  /**
   * Runs the handler of {@code step}.
   *
   * @throws ConnectorException permanent when no handler is registered for the step's id
   */
  public StepResult run(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException {
    StepHandler handler = handlers.get(step.id());
    if (handler == null) {
      throw ConnectorException.notStarted(
          "step '" + step.id() + "' is not a step of the " + connectorName + " connector's plans",
          false,
          null);
    }
    return handler.run(context, timeout);
  }

  /**
   * Runs {@code step} as a connector's {@code execute} must: only a step of the plan in the context
   * whose target is one of the resource's sites, within the step's own timeout or the caller's,
   * whichever is shorter. A step refused here did not run.
   */
  public StepResult execute(
      PlanStep step, StepContext context, Duration timeout, ConnectorConfig config)
      throws ConnectorException {
    if (context.plan().step(step.id()).isEmpty()) {
      throw ConnectorException.notStarted(
          "step '" + step.id() + "' is not part of the plan in the context: run steps of one plan",
          false,
          null);
    }
    if (config.site(context.plan().targetSite()).isEmpty()) {
      throw ConnectorException.notStarted(
          "the plan's target site is not a site of " + config.resourceId(), false, null);
    }
    Duration limit = step.timeout().compareTo(timeout) < 0 ? step.timeout() : timeout;
    return run(step, context, limit);
  }

  /** Collects the handlers; a step id registered twice is a programming error. */
  public static final class Builder {
    private final String connectorName;
    private final Map<String, StepHandler> handlers = new LinkedHashMap<>();

    private Builder(String connectorName) {
      this.connectorName = connectorName;
    }

    public Builder on(String stepId, StepHandler handler) {
      if (handlers.putIfAbsent(stepId, handler) != null) {
        throw new IllegalStateException("step '" + stepId + "' has two handlers");
      }
      return this;
    }

    public StepRouter build() {
      return new StepRouter(connectorName, handlers);
    }
  }
}
