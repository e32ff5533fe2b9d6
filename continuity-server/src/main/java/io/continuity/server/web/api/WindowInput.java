package io.continuity.server.web.api;

import io.continuity.core.execution.ExecutionWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the {@code window} of a new request (decision 029): both ends ISO-8601 instants with an
 * offset, {@code notAfter} after {@code notBefore} and in the future, at most {@link
 * ExecutionWindow#MAX_LENGTH} long, opening at most {@link #MAX_AHEAD} ahead. A bad value is a 400
 * naming the field ({@code window.notBefore} or {@code window.notAfter}).
 */
final class WindowInput {

  /** How far ahead a window may open. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  private WindowInput() {}

  static Optional<ExecutionWindow> read(ExecutionRequestBodies.Window body, Instant now) {
    if (body == null) {
      return Optional.empty();
    }
    Instant notBefore = instant("window.notBefore", body.notBefore());
    Instant notAfter = instant("window.notAfter", body.notAfter());
    if (!notAfter.isAfter(notBefore)) {
      throw new BadRequestException(
          "window.notAfter",
          "window.notAfter (" + notAfter + ") must be after window.notBefore (" + notBefore + ")");
    }
    if (!notAfter.isAfter(now)) {
      throw new BadRequestException(
          "window.notAfter", "window.notAfter (" + notAfter + ") must be in the future");
    }
    if (Duration.between(notBefore, notAfter).compareTo(ExecutionWindow.MAX_LENGTH) > 0) {
      throw new BadRequestException(
          "window.notAfter",
          "the window may be at most "
              + ExecutionWindow.MAX_LENGTH.toDays()
              + " days long: window.notAfter must be at most "
              + notBefore.plus(ExecutionWindow.MAX_LENGTH));
    }
    if (notBefore.isAfter(now.plus(MAX_AHEAD))) {
      throw new BadRequestException(
          "window.notBefore",
          "window.notBefore may be at most " + MAX_AHEAD.toDays() + " days ahead");
    }
    return Optional.of(new ExecutionWindow(notBefore, notAfter));
  }

  private static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequestException(
          field,
          field + " is required: an ISO-8601 instant with offset, e.g. 2026-12-10T02:00:00Z");
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          field,
          field
              + " '"
              + text
              + "' is not an ISO-8601 instant with offset, e.g. 2026-12-10T02:00:00Z or"
              + " 2026-12-10T03:00:00+01:00");
    }
  }
}
