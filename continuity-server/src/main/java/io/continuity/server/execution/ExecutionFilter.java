package io.continuity.server.execution;

import io.continuity.core.execution.ExecutionState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which execution requests to list, newest first: optionally one state and one resource (requests
 * on the resource itself and on the groups it belongs to).
 *
 * @param groupIds filled in by {@link ExecutionRequests#list}: the groups the resource belongs to
 */
public record ExecutionFilter(
    Optional<ExecutionState> state,
    Optional<String> resourceId,
    List<String> groupIds,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  public ExecutionFilter {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(resourceId, "resourceId");
    groupIds = List.copyOf(groupIds);
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, not " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ": " + size);
    }
  }

  public ExecutionFilter(
      Optional<ExecutionState> state, Optional<String> resourceId, int page, int size) {
    this(state, resourceId, List.of(), page, size);
  }

  ExecutionFilter withGroupIds(List<String> groups) {
    return new ExecutionFilter(state, resourceId, groups, page, size);
  }
}
