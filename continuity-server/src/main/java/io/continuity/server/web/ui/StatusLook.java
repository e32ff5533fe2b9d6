package io.continuity.server.web.ui;

import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;

/**
 * How a status is shown: a CSS class for the colour, an icon and a word, so colour is never the
 * only signal. A resource or group without visibility is shown as LAST KNOWN, never in green.
 *
 * @param css the CSS class ({@code status-green}, ..., {@code status-lost})
 * @param icon a symbol read alongside the word (hidden from screen readers)
 * @param word the status in words
 */
public record StatusLook(String css, String icon, String word) {

  static StatusLook of(StatusOutcome outcome) {
    if (!outcome.isVisible()) {
      return new StatusLook("status-lost", "?", "LAST KNOWN");
    }
    return of(outcome.status());
  }

  static StatusLook of(Status status) {
    switch (status) {
      case GREEN:
        return new StatusLook("status-green", "✔", "GREEN");
      case YELLOW:
        return new StatusLook("status-yellow", "▲", "YELLOW");
      default:
        return new StatusLook("status-red", "✖", "RED");
    }
  }
}
