package io.continuity.connector.api;

import java.util.Map;
import java.util.Objects;

/** What the core asks a connector to plan: an operation towards a target site. */
public record OperationRequest(
    OperationType type, String targetSite, Map<String, String> parameters) {

  public OperationRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(targetSite, "targetSite");
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
  }
}
