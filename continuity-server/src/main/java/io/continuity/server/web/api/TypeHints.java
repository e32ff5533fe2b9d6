package io.continuity.server.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** Says in words what value a parameter of a given type accepts, for error messages. */
final class TypeHints {

  private TypeHints() {}

  static String expected(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class || type == OffsetDateTime.class) {
      return "an ISO-8601 timestamp with zone, for example 2024-05-01T10:15:30Z";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date, for example 2024-05-01";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration, for example PT5M";
    }
    if (type == UUID.class) {
      return "a UUID, for example 123e4567-e89b-12d3-a456-426614174000";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return "a valid " + type.getSimpleName();
  }
}
