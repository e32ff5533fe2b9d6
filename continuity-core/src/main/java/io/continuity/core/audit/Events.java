package io.continuity.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Shared checks and the details builder for the event records of this package. */
final class Events {

  private Events() {}

  static void requireHeader(String actor, Instant at) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("audit event actor must not be blank");
    }
  }

  static String check(ExecutionSubject subject, String actor, Instant at, String reason) {
    Objects.requireNonNull(subject, "subject");
    requireHeader(actor, at);
    return reason == null ? "" : reason;
  }

  /** Details in insertion order, starting with the group id when the subject is a group. */
  static Builder details(ExecutionSubject subject) {
    Builder builder = new Builder();
    subject.groupId().ifPresent(group -> builder.put("groupId", group));
    return builder;
  }

  static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    Builder put(String key, Object value) {
      values.put(key, String.valueOf(value));
      return this;
    }

    Map<String, String> build() {
      return Collections.unmodifiableMap(values);
    }
  }
}
