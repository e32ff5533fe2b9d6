package io.continuity.server.notify;

import org.springframework.stereotype.Service;

/** Reads stored notifications: a user's inbox, or every channel's delivery status for audit. */
@Service
public class NotificationInbox {

  private final NotificationRepository repository;

  NotificationInbox(NotificationRepository repository) {
    this.repository = repository;
  }

  /** The notifications matching the query, newest first. */
  public NotificationPage find(NotificationQuery query) {
    return repository.find(query);
  }
}
