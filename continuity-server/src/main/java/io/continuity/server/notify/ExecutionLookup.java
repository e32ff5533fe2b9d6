package io.continuity.server.notify;

import io.continuity.core.execution.ExecutionRequestSnapshot;
import java.util.Optional;

/** Reads an execution request by id (the execution module's {@code ExecutionRequests::find}). */
@FunctionalInterface
interface ExecutionLookup {
  Optional<ExecutionRequestSnapshot> find(String executionId);
}
