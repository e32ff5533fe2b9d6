package io.continuity.server.execution;

import io.continuity.core.identity.Actor;
import io.continuity.server.inventory.ExecutionsInFlight;
import io.continuity.server.inventory.InFlightExecution;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The execution side of {@link ExecutionsInFlight}, asked by inventory reloads: the requests from
 * PENDING_APPROVAL through RUNNING, read from the store, and cancellation of the ones that have not
 * started through {@link ExecutionRequests#cancel} (audited like any cancellation, in the reload's
 * transaction). {@link ExecutionRequests} is looked up only when a cancellation is asked for: it
 * needs the inventory, and the start-up reconcile asks for the list before that exists.
 */
@Component
class InFlightExecutions implements ExecutionsInFlight {

  private final InFlightExecutionRepository repository;
  private final ObjectProvider<ExecutionRequests> requests;

  InFlightExecutions(
      InFlightExecutionRepository repository, ObjectProvider<ExecutionRequests> requests) {
    this.repository = repository;
    this.requests = requests;
  }

  @Override
  public List<InFlightExecution> list() {
    return repository.notEnded();
  }

  @Override
  public void cancel(String executionId, Actor actor, String reason) {
    requests.getObject().cancel(executionId, actor, reason);
  }
}
