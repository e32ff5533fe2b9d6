package io.continuity.server.notify;

import io.continuity.server.audit.AuditRecord;
import java.util.Map;
import java.util.Optional;

/**
 * What a notification says: a subject naming what happened to which execution, and a plain-text
 * body with who, why (the audit reason), the audit event's seq and the console link. The same text
 * goes to every recipient and channel of one event. Audit details never hold secrets, so they are
 * listed as they are.
 */
final class NotificationText {

  static final int MAX_SUBJECT = 500;

  private final String baseUrl;

  /**
   * @param baseUrl where the console is reached, without a trailing slash
   */
  NotificationText(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The console page of the execution, or empty for an event without one. */
  Optional<String> link(String executionId) {
    return Optional.ofNullable(executionId).map(id -> baseUrl + "/executions/" + id);
  }

  /** The execution's page, else the resource's page (readiness alerts), else empty. */
  Optional<String> link(String executionId, String resourceId) {
    return link(executionId)
        .or(() -> Optional.ofNullable(resourceId).map(id -> baseUrl + "/resources/" + id));
  }

  String subject(AuditRecord event, Optional<RequestParties> parties) {
    return subject(event, parties, false);
  }

  /**
   * @param recoveryNeeded the execution failed part-way and has recovery plans: the subject says so
   */
  String subject(AuditRecord event, Optional<RequestParties> parties, boolean recoveryNeeded) {
    String what = what(event, parties);
    String id = event.executionId() == null ? "" : " (" + event.executionId() + ")";
    String headline =
        switch (event.type()) {
          case NotifiedEvents.REQUEST_CREATED -> "Approval needed: " + what;
          case NotifiedEvents.CONFIRMATION_REFUSED -> "Prechecks failed, not started: " + what;
          case NotifiedEvents.PRECHECK_OVERRIDDEN ->
              "Precheck " + detail(event, "check") + " overridden: " + what;
          case NotifiedEvents.BREAK_GLASS_INVOKED -> "Break-glass, approvals skipped: " + what;
          case NotifiedEvents.EXECUTION_FAILED ->
              (recoveryNeeded
                      ? "Execution failed part-way, recovery needed: "
                      : "Execution failed: ")
                  + what;
          case NotifiedEvents.EXECUTION_SUCCEEDED -> "Execution succeeded: " + what;
          case NotifiedEvents.REQUEST_EXPIRED -> "Request expired: " + what;
          case NotifiedEvents.EXECUTION_WINDOW_OPENED -> "Maintenance window open: " + what;
          case NotifiedEvents.APPROVAL_DENIED -> "Request rejected: " + what;
          case NotifiedEvents.READINESS_ALERT ->
              "Readiness alert, "
                  + detail(event, "kind")
                  + ": "
                  + event.resourceId()
                  + " is "
                  + detail(event, "status");
          case NotifiedEvents.READINESS_RESOLVED ->
              "Readiness restored: " + event.resourceId() + " is GREEN";
          case NotifiedEvents.SIGN_IN_THROTTLED ->
              "Sign-ins throttled: "
                  + detail(event, "username")
                  + " from "
                  + detail(event, "clientAddress");
          case NotifiedEvents.READINESS_REPORT ->
              "Weekly readiness report "
                  + detail(event, "from")
                  + " to "
                  + detail(event, "to")
                  + ": "
                  + detail(event, "findings")
                  + " open findings";
          default -> event.type() + ": " + what;
        };
    String subject = "[Continuity] " + headline + id;
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
  }

  String body(AuditRecord event, Optional<RequestParties> parties) {
    StringBuilder text = new StringBuilder(sentence(event, parties)).append("\n\n");
    if (parties.isPresent()
        || event.resourceId() != null
        || event.details().containsKey("groupId")) {
      line(
          text,
          "What",
          what(event, parties) + parties.map(p -> " to " + p.targetSite()).orElse(""));
    }
    line(text, "Execution", event.executionId());
    line(text, "Resource", event.resourceId());
    parties.ifPresent(p -> line(text, "Requested by", p.requester()));
    line(text, "Who", event.actor());
    line(text, "Why", event.reason().isBlank() ? "(no reason given)" : event.reason());
    line(text, "Change ticket", event.changeTicket());
    line(text, "When", event.occurredAt().toString());
    line(text, "Audit event", "#" + event.seq() + " " + event.type());
    if (!event.details().isEmpty()) {
      text.append("Details:\n");
      for (Map.Entry<String, String> detail : event.details().entrySet()) {
        text.append("  ").append(detail.getKey()).append(": ").append(detail.getValue());
        text.append('\n');
      }
    }
    link(event.executionId(), event.resourceId()).ifPresent(link -> line(text, "Open", link));
    return text.toString();
  }

  /** The recovery notice of a FAILED execution, as a paragraph after the body; empty if none. */
  static String recovery(java.util.List<String> lines) {
    if (lines.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n");
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static String sentence(AuditRecord event, Optional<RequestParties> parties) {
    String what = what(event, parties);
    String actor = event.actor();
    return switch (event.type()) {
      case NotifiedEvents.READINESS_REPORT ->
          "Readiness of the estate from "
              + detail(event, "from")
              + " to "
              + detail(event, "to")
              + " (shares of time; time without evidence is unknown, never compliant):\n\n"
              + detail(event, "summary")
              + "\nThe full report, with PDF and CSV downloads: "
              + detail(event, "open");
      case NotifiedEvents.REQUEST_CREATED ->
          actor + " requested a " + what + "; it needs approval.";
      case NotifiedEvents.CONFIRMATION_REFUSED ->
          actor + " tried to start the " + what + "; prechecks failed, so it did not start.";
      case NotifiedEvents.PRECHECK_OVERRIDDEN ->
          actor
              + " overrode the failed precheck "
              + detail(event, "check")
              + " of the "
              + what
              + ". The check saw: "
              + detail(event, "detail");
      case NotifiedEvents.BREAK_GLASS_INVOKED ->
          actor + " used break-glass to skip the remaining approvals of the " + what + ".";
      case NotifiedEvents.EXECUTION_FAILED -> "The " + what + " failed and stopped safely.";
      case NotifiedEvents.EXECUTION_SUCCEEDED -> "The " + what + " succeeded.";
      case NotifiedEvents.REQUEST_EXPIRED -> "The request for a " + what + " expired.";
      case NotifiedEvents.EXECUTION_WINDOW_OPENED ->
          "The maintenance window of the "
              + what
              + " is open from "
              + detail(event, "notBefore")
              + " to "
              + detail(event, "notAfter")
              + " (the request is "
              + detail(event, "state")
              + "). Nothing starts by itself: a person who may confirm reads the plan and"
              + " confirms the start before the window closes; approvals expire with it.";
      case NotifiedEvents.APPROVAL_DENIED -> actor + " rejected the request for a " + what + ".";
      case NotifiedEvents.READINESS_ALERT ->
          event.details().containsKey("owner") && !event.details().containsKey("visibility")
              ? event.resourceId()
                  + " (tier "
                  + detail(event, "tier")
                  + ", owner "
                  + detail(event, "owner")
                  + "): "
                  + event.reason()
                  + ". Request a drill so the drill policy is met again."
              : event.resourceId()
                  + " (tier "
                  + detail(event, "tier")
                  + ") is "
                  + detail(event, "status")
                  + " with visibility "
                  + detail(event, "visibility")
                  + ": "
                  + event.reason()
                  + ". A failover now may lose data or may not be provable; check the resource.";
      case NotifiedEvents.READINESS_RESOLVED ->
          event.resourceId() + " is GREEN and fully visible again.";
      case NotifiedEvents.SIGN_IN_THROTTLED ->
          "Someone at "
              + detail(event, "clientAddress")
              + " failed to sign in as "
              + detail(event, "username")
              + " too often ("
              + detail(event, "mechanism")
              + "); that address is refused for this user for "
              + detail(event, "blockedForSeconds")
              + " s. Other addresses can still sign in. If this is not a colleague mistyping,"
              + " check the source.";
      default -> event.type() + " on " + what + ".";
    };
  }

  private static String what(AuditRecord event, Optional<RequestParties> parties) {
    if (parties.isPresent()) {
      return parties.get().operation() + " of " + parties.get().target();
    }
    String operation = event.details().getOrDefault("operation", "execution");
    String target =
        event.resourceId() != null
            ? event.resourceId()
            : event.details().containsKey("groupId")
                ? "group " + event.details().get("groupId")
                : "(unknown target)";
    return operation + " of " + target;
  }

  private static String detail(AuditRecord event, String key) {
    return event.details().getOrDefault(key, "(not recorded)");
  }

  private static void line(StringBuilder text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.append(label).append(": ").append(value).append('\n');
    }
  }
}
