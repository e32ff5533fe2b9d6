package io.continuity.server.notify;

import java.time.Instant;

/**
 * One stored notification: which audit event it tells about, to whom, through which channel, what
 * it says, and how its delivery went. Optional fields are {@code null} when absent.
 *
 * @param address the e-mail address (EMAIL) or the webhook's configured name (WEBHOOK); {@code
 *     null} for INBOX. Never a webhook URL.
 * @param lastError why the latest attempt failed, without stack trace or secrets
 */
public record Notification(
    long id,
    Instant createdAt,
    long auditSeq,
    String eventType,
    String executionId,
    String resourceId,
    String actor,
    String reason,
    String recipient,
    Channel channel,
    String address,
    String subject,
    String body,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant sentAt) {}
