package io.continuity.server.notify;

/** Where a notification stands. */
public enum DeliveryStatus {
  /** An inbox entry: there when written. */
  DELIVERED,
  /** Waiting for the dispatcher (first try, or a retry after a failure). */
  PENDING,
  /** Accepted by the SMTP server or the webhook (HTTP 2xx). */
  SENT,
  /** Every attempt failed; {@code lastError} says why. */
  FAILED
}
