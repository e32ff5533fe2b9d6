package io.continuity.server.web.ui;

import io.continuity.core.status.Status;
import io.continuity.core.status.StatusOutcome;

/**
 * How a status is shown: a CSS class for the colour, an icon and a word, so colour is never the
 * only signal. A resource without visibility reads VISIBILITY LOST in its status colour (never
 * green: a lost outcome is never GREEN) over a hatched background; a group keeps its RED headline
 * when a member is RED, even if another member is lost.
 *
 * @param css the CSS class ({@code status-green}, ..., {@code status-lost})
 * @param icon a symbol read alongside the word (hidden from screen readers)
 * @param word the status in words
 */
public record StatusLook(String css, String icon, String word) {

  static StatusLook of(StatusOutcome outcome) {
    if (!outcome.isVisible()) {
      return new StatusLook(of(outcome.status()).css() + " status-lost", "?", "VISIBILITY LOST");
    }
    return of(outcome.status());
  }

  /** A group's look: RED whenever it is RED, lost visibility shown as for a resource otherwise. */
  static StatusLook ofGroup(StatusOutcome outcome) {
    if (!outcome.isVisible() && outcome.status() == Status.RED) {
      return new StatusLook("status-red status-lost", "✖", "RED");
    }
    return of(outcome);
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
