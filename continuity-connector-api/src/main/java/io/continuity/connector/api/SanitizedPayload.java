package io.continuity.connector.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector's raw payload after {@link PayloadSanitizer} removed every secret. It can only be
 * made by the sanitizer, so holding one is proof the payload went through it. Values are strings,
 * numbers, booleans, null, lists and nested maps.
 */
public final class SanitizedPayload {

  private static final SanitizedPayload EMPTY = new SanitizedPayload(Map.of());

  private final Map<String, Object> values;

  SanitizedPayload(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static SanitizedPayload empty() {
    return EMPTY;
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SanitizedPayload other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
