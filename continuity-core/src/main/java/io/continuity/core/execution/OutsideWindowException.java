package io.continuity.core.execution;

import io.continuity.core.approval.CommandRefusedException;
import io.continuity.core.approval.RefusalRule;

/**
 * The request's maintenance window is not open now (decision 029): it has not opened yet, or it has
 * closed. The message names the window; the server answers 409 Conflict with the window.
 */
public final class OutsideWindowException extends CommandRefusedException {

  private final ExecutionWindow window;

  public OutsideWindowException(
      String requestId, String action, String actorId, ExecutionWindow window, String message) {
    super(requestId, action, actorId, RefusalRule.OUTSIDE_MAINTENANCE_WINDOW, message);
    this.window = window;
  }

  /** The window that is not open. */
  public ExecutionWindow window() {
    return window;
  }

  /**
   * Refuses {@code action} on {@code request} at {@code now} when it has a window that is not open.
   */
  public static void requireOpen(
      ExecutionRequestSnapshot request, String action, String actorId, java.time.Instant now) {
    if (request.window().isPresent() && !request.window().get().isOpen(now)) {
      ExecutionWindow window = request.window().get();
      throw new OutsideWindowException(
          request.id(),
          action,
          actorId,
          window,
          "cannot " + action + ": request " + request.id() + " " + window.whyClosed(now));
    }
  }
}
