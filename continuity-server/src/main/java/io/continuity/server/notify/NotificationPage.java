package io.continuity.server.notify;

import java.util.List;

/** One page of notifications, newest first, and how many match in total. */
public record NotificationPage(List<Notification> items, int page, int size, long total) {

  public NotificationPage {
    items = List.copyOf(items);
  }
}
