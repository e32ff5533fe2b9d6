package io.continuity.connector.api;

import java.time.Duration;

/**
 * One configured connection to one resource on one platform. Made by a {@link ConnectorFactory};
 * closed when the resource is removed or reconfigured. Implementations must be safe to probe from
 * one thread while a step runs on another.
 */
public interface Connector extends AutoCloseable {

  /** The capabilities available for this configuration (the "Maybe" cells made explicit). */
  Capabilities capabilities();

  /**
   * Looks at every site once and reports what it saw. A site that cannot be reached is reported in
   * {@link ProbeResult#sites()}, not thrown; an exception means the probe as a whole failed.
   *
   * @param timeout the time the probe may take; the connector applies it to connections and
   *     statements
   */
  ProbeResult probe(Duration timeout) throws ConnectorException;

  /**
   * Plans an operation without acting.
   *
   * @throws ConnectorException (not retriable) when the capability is unavailable
   */
  OperationPlan plan(OperationRequest request) throws ConnectorException;

  /**
   * Plans the recovery of a run that stopped the writes of {@code site}'s primary (a quiesce) and
   * failed before it promoted the other side: start that primary again, verify it takes writes, and
   * check the roles did not change. The plan's type is {@link OperationType#SWITCHOVER} towards
   * {@code site}, the site that stays primary; every step must be idempotent. Fail-closed: a
   * connector that cannot do this safely keeps this default, and no such recovery is offered.
   *
   * @throws ConnectorException (not retriable) when the connector offers no such plan
   */
  default OperationPlan planResumePrimary(String site) throws ConnectorException {
    throw ConnectorException.permanent(
        "this connector offers no plan to start an old primary again: do it by hand");
  }

  /**
   * Plans the roll-forward of a run that quiesced the source's primary (stopped its writes) and
   * failed before the move ended: the same operation towards {@code request.targetSite()}, every
   * gate that protects data checked again, but starting from a source that takes no writes. The
   * default is the ordinary plan, whose prechecks then decide (they may refuse a quiesced source:
   * fail-closed). A connector whose quiesce leaves the source unable to pass its own precheck (a
   * stopped server) plans a continuation that checks the quiesced state instead.
   *
   * @throws ConnectorException (not retriable) when the capability is unavailable
   */
  default OperationPlan planContinuation(OperationRequest request) throws ConnectorException {
    return plan(request);
  }

  /**
   * Runs one step of a plan this connector made. A step that runs and fails returns a failed {@link
   * StepResult}; an exception means the step could not be run or its outcome is unknown.
   */
  StepResult execute(PlanStep step, StepContext context, Duration timeout)
      throws ConnectorException;

  @Override
  default void close() {}
}
