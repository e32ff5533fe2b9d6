package io.continuity.server.execution;

import java.util.Objects;

/** A lease this instance holds on one execution: who, and the fencing token its writes carry. */
public record ExecutionLease(String executionId, String owner, long token) {

  public ExecutionLease {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(owner, "owner");
  }
}
