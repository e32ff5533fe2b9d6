package io.continuity.core.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A maintenance window (decision 029): the request may be approved at any time before it closes,
 * but its plan is presented and its start confirmed only between {@code notBefore} (inclusive) and
 * {@code notAfter} (exclusive). Approvals expire with the window: a request with a window waits for
 * approvals and for its start until {@code notAfter}, not for the policy's time limits.
 */
public record ExecutionWindow(Instant notBefore, Instant notAfter) {

  /** The longest window accepted (a window is an occasion, not a standing permission). */
  public static final Duration MAX_LENGTH = Duration.ofDays(7);

  public ExecutionWindow {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "window notAfter " + notAfter + " must be after notBefore " + notBefore);
    }
  }

  /** True from {@code notBefore} (inclusive) to {@code notAfter} (exclusive). */
  public boolean isOpen(Instant now) {
    return !now.isBefore(notBefore) && now.isBefore(notAfter);
  }

  /** True once {@code notAfter} has passed. */
  public boolean isClosed(Instant now) {
    return !now.isBefore(notAfter);
  }

  /** The window as refusals and notifications name it: "maintenance window A – B". */
  public String describe() {
    return "maintenance window " + notBefore + " – " + notAfter;
  }

  /** Why nothing may start at {@code now}: the window has not opened, or has closed. */
  String whyClosed(Instant now) {
    return now.isBefore(notBefore)
        ? "is outside its " + describe() + ": it opens at " + notBefore
        : "is outside its " + describe() + ": it closed at " + notAfter;
  }
}
