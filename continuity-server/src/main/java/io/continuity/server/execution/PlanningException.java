package io.continuity.server.execution;

/**
 * No plan can be made for a member resource now: it left the inventory, it has no connector, or its
 * connector refused to plan (for example the capability is unavailable). The message says which
 * resource and why.
 */
public class PlanningException extends RuntimeException {

  private final String resourceId;

  public PlanningException(String resourceId, String message) {
    super(message);
    this.resourceId = resourceId;
  }

  public String resourceId() {
    return resourceId;
  }
}
