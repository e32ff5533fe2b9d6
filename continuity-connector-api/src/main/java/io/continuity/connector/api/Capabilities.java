package io.continuity.connector.api;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The capabilities a connector declares for one configuration. A capability missing from the
 * declaration is unavailable ("not declared by the connector").
 */
public final class Capabilities {

  private final Map<Capability, CapabilityStatus> statuses;

  private Capabilities(Map<Capability, CapabilityStatus> statuses) {
    this.statuses = Collections.unmodifiableMap(statuses);
  }

  public static Capabilities of(Collection<CapabilityStatus> statuses) {
    Map<Capability, CapabilityStatus> map = new EnumMap<>(Capability.class);
    for (CapabilityStatus status : statuses) {
      if (map.put(status.capability(), status) != null) {
        throw new IllegalArgumentException("capability declared twice: " + status.capability());
      }
    }
    return new Capabilities(map);
  }

  /** Every listed capability available, every other one undeclared. */
  public static Capabilities allOf(Capability... available) {
    Map<Capability, CapabilityStatus> map = new EnumMap<>(Capability.class);
    for (Capability capability : available) {
      map.put(capability, CapabilityStatus.available(capability));
    }
    return new Capabilities(map);
  }

  public boolean has(Capability capability) {
    CapabilityStatus status = statuses.get(capability);
    return status != null && status.available();
  }

  /** The declared status, or an "unavailable: not declared" status. */
  public CapabilityStatus status(Capability capability) {
    return Optional.ofNullable(statuses.get(capability))
        .orElse(CapabilityStatus.unavailable(capability, "not declared by the connector"));
  }

  public Set<Capability> available() {
    Set<Capability> result = EnumSet.noneOf(Capability.class);
    statuses.values().stream()
        .filter(CapabilityStatus::available)
        .forEach(s -> result.add(s.capability()));
    return Collections.unmodifiableSet(result);
  }

  public Collection<CapabilityStatus> declared() {
    return statuses.values();
  }

  @Override
  public String toString() {
    return "Capabilities" + available();
  }
}
