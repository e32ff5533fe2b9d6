package io.continuity.server.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * Which notifications to read, newest first: of one recipient or of everyone, optionally of one
 * channel and one execution, one page at a time.
 */
public record NotificationQuery(
    Optional<String> recipient,
    Optional<Channel> channel,
    Optional<String> executionId,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;
  public static final int MAX_PAGE = 1_000_000;

  public NotificationQuery {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(executionId, "executionId");
    if (page < 0 || page > MAX_PAGE) {
      throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE + ": " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ": " + size);
    }
  }

  /** A user's own inbox. */
  public static NotificationQuery inboxOf(
      String user, Optional<String> executionId, int page, int size) {
    return new NotificationQuery(
        Optional.of(user), Optional.of(Channel.INBOX), executionId, page, size);
  }
}
