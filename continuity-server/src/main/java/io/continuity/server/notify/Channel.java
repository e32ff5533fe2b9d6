package io.continuity.server.notify;

/** How a notification reaches its recipient. */
public enum Channel {
  /** Stored for the user, read through the API; delivered when written. */
  INBOX,
  /** An e-mail to the user's address, through the configured SMTP server. */
  EMAIL,
  /** A JSON POST to a configured webhook ({@code continuity.notify.webhooks}). */
  WEBHOOK
}
