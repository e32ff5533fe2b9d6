package io.continuity.connector.api;

import java.util.Objects;

/**
 * Whether one capability is available for one configured resource, and why not when it is not (the
 * "Maybe" cells of the design's capability matrix made explicit).
 */
public record CapabilityStatus(Capability capability, boolean available, String reason) {

  public CapabilityStatus {
    Objects.requireNonNull(capability, "capability");
    reason = reason == null ? "" : reason;
    if (!available && reason.isBlank()) {
      throw new IllegalArgumentException(
          "an unavailable capability must say why (" + capability + ")");
    }
  }

  public static CapabilityStatus available(Capability capability) {
    return new CapabilityStatus(capability, true, "");
  }

  public static CapabilityStatus unavailable(Capability capability, String reason) {
    return new CapabilityStatus(capability, false, reason);
  }
}
