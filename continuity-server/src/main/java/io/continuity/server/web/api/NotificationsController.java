package io.continuity.server.web.api;

import io.continuity.core.identity.Role;
import io.continuity.server.notify.NotificationInbox;
import io.continuity.server.notify.NotificationPage;
import io.continuity.server.notify.NotificationQuery;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notifications: every user reads their own inbox; ADMIN and VIEWER (the read-only role auditors
 * hold) may read anyone's notifications on every channel with their delivery status, to show who
 * was told what and when. A refusal is a 403 recorded in the audit trail.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Inbox and delivery status of notifications")
public class NotificationsController {

  /** Roles that may read other people's notifications and every channel's delivery status. */
  static final Set<Role> OVERSEERS = Set.of(Role.ADMIN, Role.VIEWER);

  private final NotificationInbox inbox;
  private final CurrentActor currentActor;

  public NotificationsController(NotificationInbox inbox, CurrentActor currentActor) {
    this.inbox = inbox;
    this.currentActor = currentActor;
  }

  @Operation(
      summary = "The caller's inbox, newest first; ADMIN or VIEWER may read anyone's",
      description =
          "Without recipient or all, the caller's INBOX notifications. With recipient=<user>"
              + " (ADMIN or VIEWER) that user's notifications on every channel (INBOX, EMAIL,"
              + " WEBHOOK) with status, attempts and last error; all=true shows everyone's,"
              + " including webhooks (recipient webhook:<name>).")
  @GetMapping
  public NotificationPage list(
      @Parameter(description = "only notifications about this execution")
          @RequestParam(required = false)
          @Size(max = 200)
          String executionId,
      @Parameter(description = "another user's notifications, every channel (ADMIN or VIEWER)")
          @RequestParam(required = false)
          @Size(max = 200)
          String recipient,
      @Parameter(description = "every recipient's notifications, every channel (ADMIN or VIEWER)")
          @RequestParam(defaultValue = "false")
          boolean all,
      @RequestParam(defaultValue = "0") @Min(0) @Max(NotificationQuery.MAX_PAGE) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(NotificationQuery.MAX_SIZE) int size) {
    AuthenticatedActor caller = currentActor.require();
    Optional<String> execution = present(executionId);
    Optional<String> someone = present(recipient);
    if (all && someone.isPresent()) {
      throw new BadRequestException(
          "recipient", "give either recipient=<user> or all=true, not both");
    }
    if (!all && someone.isEmpty()) {
      return inbox.find(NotificationQuery.inboxOf(caller.id(), execution, page, size));
    }
    boolean own = someone.isPresent() && someone.get().equals(caller.id());
    if (!own && OVERSEERS.stream().noneMatch(caller::hasRole)) {
      // Answered 403 and audited by the security layer, like any other refusal.
      throw new AccessDeniedException(
          "reading other people's notifications needs one of the roles " + OVERSEERS);
    }
    return inbox.find(new NotificationQuery(someone, Optional.empty(), execution, page, size));
  }

  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }
}
