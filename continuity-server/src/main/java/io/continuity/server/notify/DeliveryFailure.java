package io.continuity.server.notify;

/**
 * A send that did not go through. The message is what the notification's {@code last_error} shows:
 * one line, no stack trace, no URL or credential.
 */
final class DeliveryFailure extends Exception {

  static final int MAX_MESSAGE = 500;

  DeliveryFailure(String message) {
    super(oneLine(message), null, false, false);
  }

  /** One line of at most {@link #MAX_MESSAGE} characters, with {@code hide} blanked out. */
  static String safe(String message, String hide) {
    String text = message == null ? "" : message;
    if (hide != null && !hide.isEmpty()) {
      text = text.replace(hide, "<url>");
    }
    return oneLine(text);
  }

  private static String oneLine(String message) {
    String line = message == null ? "" : message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
