package io.continuity.server.notify;

import io.continuity.server.audit.AuditRecord;
import io.continuity.server.security.DirectoryUser;
import io.continuity.server.security.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one audit event into the notification rows to write: for every recipient an INBOX row and,
 * when e-mail is configured and the user has an address, an EMAIL row; for every webhook that wants
 * the event type a WEBHOOK row ({@code webhook:<name>}).
 */
final class NotificationPlanner {

  static final String WEBHOOK_PREFIX = "webhook:";

  private final ExecutionLookup executions;
  private final UserDirectory directory;
  private final RecipientRules rules;
  private final NotificationText text;
  private final boolean emailConfigured;
  private final List<NotifyProperties.Webhook> webhooks;
  private final RecoveryLookup recoveries;

  NotificationPlanner(
      ExecutionLookup executions,
      UserDirectory directory,
      NotificationText text,
      boolean emailConfigured,
      List<NotifyProperties.Webhook> webhooks) {
    this(executions, directory, text, emailConfigured, webhooks, id -> List.of());
  }

  /**
   * @param recoveries the recovery notice of a FAILED execution, added to its notification
   */
  NotificationPlanner(
      ExecutionLookup executions,
      UserDirectory directory,
      NotificationText text,
      boolean emailConfigured,
      List<NotifyProperties.Webhook> webhooks,
      RecoveryLookup recoveries) {
    this.recoveries = recoveries;
    this.executions = executions;
    this.directory = directory;
    this.rules = new RecipientRules(directory);
    this.text = text;
    this.emailConfigured = emailConfigured;
    this.webhooks = List.copyOf(webhooks);
  }

  List<PlannedNotification> plan(AuditRecord event) {
    if (!NotifiedEvents.notifies(event.type(), event.details())) {
      return List.of();
    }
    Optional<RequestParties> parties =
        Optional.ofNullable(event.executionId()).flatMap(executions::find).map(RequestParties::of);
    List<String> recovery =
        event.type().equals(NotifiedEvents.EXECUTION_FAILED) && event.executionId() != null
            ? recoveries.notice(event.executionId())
            : List.of();
    String subject = text.subject(event, parties, !recovery.isEmpty());
    String body = text.body(event, parties) + NotificationText.recovery(recovery);
    List<PlannedNotification> rows = new ArrayList<>();
    for (String recipient : rules.recipients(event, parties)) {
      rows.add(new PlannedNotification(event, recipient, Channel.INBOX, null, subject, body));
      Optional<String> email = directory.find(recipient).flatMap(DirectoryUser::email);
      if (emailConfigured && email.isPresent()) {
        rows.add(
            new PlannedNotification(event, recipient, Channel.EMAIL, email.get(), subject, body));
      }
    }
    if (emailConfigured && event.type().equals(NotifiedEvents.READINESS_REPORT)) {
      for (String address : event.details().getOrDefault("recipients", "").split(",")) {
        if (!address.isBlank()) {
          rows.add(
              new PlannedNotification(
                  event,
                  "email:" + address.strip(),
                  Channel.EMAIL,
                  address.strip(),
                  subject,
                  body));
        }
      }
    }
    for (NotifyProperties.Webhook hook : webhooks) {
      if (hook.wants(event.type())) {
        rows.add(
            new PlannedNotification(
                event, WEBHOOK_PREFIX + hook.name(), Channel.WEBHOOK, hook.name(), subject, body));
      }
    }
    return rows;
  }
}
