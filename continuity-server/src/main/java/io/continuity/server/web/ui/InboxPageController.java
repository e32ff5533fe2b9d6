package io.continuity.server.web.ui;

import io.continuity.server.notify.Notification;
import io.continuity.server.notify.NotificationInbox;
import io.continuity.server.notify.NotificationPage;
import io.continuity.server.notify.NotificationQuery;
import io.continuity.server.security.CurrentActor;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in person's notifications, newest first: approvals awaited, overrides, refused
 * confirmations, outcomes, each linking to its request.
 */
@Controller
class InboxPageController {

  static final int PAGE_SIZE = 50;

  private final NotificationInbox inbox;
  private final CurrentActor currentActor;

  InboxPageController(NotificationInbox inbox, CurrentActor currentActor) {
    this.inbox = inbox;
    this.currentActor = currentActor;
  }

  /** One notification as the page shows it: its first paragraph, the rest folded away. */
  record InboxItem(
      String subject,
      String summary,
      String details,
      String createdAt,
      String eventType,
      long auditSeq,
      String executionId) {

    static InboxItem of(Notification n) {
      String body = n.body() == null ? "" : n.body().strip();
      int end = body.indexOf("\n\n");
      return new InboxItem(
          n.subject(),
          end < 0 ? body : body.substring(0, end),
          end < 0 ? "" : body.substring(end + 2).strip(),
          n.createdAt().toString(),
          n.eventType(),
          n.auditSeq(),
          n.executionId());
    }
  }

  @GetMapping("/inbox")
  String inbox(@RequestParam(defaultValue = "0") int page, Model model) {
    int current = Math.max(0, Math.min(page, NotificationQuery.MAX_PAGE));
    NotificationPage found =
        inbox.find(
            NotificationQuery.inboxOf(
                currentActor.require().id(), Optional.empty(), current, PAGE_SIZE));
    model.addAttribute("notifications", found.items().stream().map(InboxItem::of).toList());
    model.addAttribute("total", found.total());
    model.addAttribute("page", current);
    model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < found.total());
    return "inbox";
  }
}
