package io.continuity.server.notify;

import io.continuity.server.audit.AuditRecord;
import java.util.Objects;

/** A notification row the projector is about to write, for one recipient and channel. */
record PlannedNotification(
    AuditRecord event,
    String recipient,
    Channel channel,
    String address,
    String subject,
    String body) {

  PlannedNotification {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  /** Inbox rows are delivered when written; e-mails and webhooks wait for the dispatcher. */
  DeliveryStatus initialStatus() {
    return channel == Channel.INBOX ? DeliveryStatus.DELIVERED : DeliveryStatus.PENDING;
  }
}
