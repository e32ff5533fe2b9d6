package io.continuity.core.execution;

import java.util.Objects;

/**
 * What an execution acts on: one resource, or a group of resources run in dependency order.
 *
 * <p>Build with {@link #resource(String)} or {@link #group(String)}.
 */
public sealed interface ExecutionScope
    permits ExecutionScope.ResourceScope, ExecutionScope.GroupScope {

  /** The resource or group id. */
  String id();

  static ExecutionScope resource(String resourceId) {
    return new ResourceScope(resourceId);
  }

  static ExecutionScope group(String groupId) {
    return new GroupScope(groupId);
  }

  /** One protected resource. */
  record ResourceScope(String resourceId) implements ExecutionScope {
    public ResourceScope {
      requireId(resourceId, "resource");
    }

    @Override
    public String id() {
      return resourceId;
    }
  }

  /** A group of resources. */
  record GroupScope(String groupId) implements ExecutionScope {
    public GroupScope {
      requireId(groupId, "group");
    }

    @Override
    public String id() {
      return groupId;
    }
  }

  private static void requireId(String id, String what) {
    Objects.requireNonNull(id, what + "Id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("execution scope needs a " + what + " id");
    }
  }
}
