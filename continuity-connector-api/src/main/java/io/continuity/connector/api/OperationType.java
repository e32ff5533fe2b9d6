package io.continuity.connector.api;

/** The operations a connector may plan and execute, each needing its capability. */
public enum OperationType {
  FAILOVER(Capability.FAILOVER),
  SWITCHOVER(Capability.SWITCHOVER),
  DRILL(Capability.DRILL),
  FAILBACK(Capability.FAILBACK);

  private final Capability requiredCapability;

  OperationType(Capability requiredCapability) {
    this.requiredCapability = requiredCapability;
  }

  public Capability requiredCapability() {
    return requiredCapability;
  }

  /** True when the operation changes which site is primary (a drill never does). */
  public boolean changesRoles() {
    return this != DRILL;
  }
}
