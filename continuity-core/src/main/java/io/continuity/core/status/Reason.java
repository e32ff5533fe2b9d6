package io.continuity.core.status;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reason behind a status: its code, the status it alone implies ({@code severity}), a human
 * message and what it rests on. A GREEN outcome carries one informational reason of severity GREEN.
 */
public record Reason(ReasonCode code, Status severity, String message, EvidenceSource evidence) {

  /** Most severe first, then by code order, then by message, so lists are deterministic. */
  public static final Comparator<Reason> MOST_SEVERE_FIRST =
      Comparator.comparing(Reason::severity)
          .reversed()
          .thenComparing(Reason::code)
          .thenComparing(Reason::message);

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(evidence, "evidence");
    if (message.isBlank()) {
      throw new IllegalArgumentException("reason " + code + " needs a message");
    }
  }

  /** A reason whose message is the code's template filled in with {@code args}. */
  public static Reason of(
      ReasonCode code, Status severity, EvidenceSource evidence, Object... args) {
    return new Reason(code, severity, code.format(args), evidence);
  }

  /** The same reason with {@code prefix} before its message (used for group members). */
  public Reason prefixed(String prefix) {
    return new Reason(code, severity, prefix + message, evidence);
  }
}
