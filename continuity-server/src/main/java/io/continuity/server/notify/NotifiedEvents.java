package io.continuity.server.notify;

import io.continuity.server.security.SignInEvents;
import java.util.Map;
import java.util.Set;

/** The audit event types that notify someone, and the facts of an event the rules look at. */
final class NotifiedEvents {

  static final String REQUEST_CREATED = "REQUEST_CREATED";
  static final String CONFIRMATION_REFUSED = "CONFIRMATION_REFUSED";
  static final String PRECHECK_OVERRIDDEN = "PRECHECK_OVERRIDDEN";
  static final String BREAK_GLASS_INVOKED = "BREAK_GLASS_INVOKED";
  static final String EXECUTION_FAILED = "EXECUTION_FAILED";
  static final String EXECUTION_SUCCEEDED = "EXECUTION_SUCCEEDED";
  static final String REQUEST_EXPIRED = "REQUEST_EXPIRED";
  static final String APPROVAL_DENIED = "APPROVAL_DENIED";
  static final String EXECUTION_WINDOW_OPENED = "EXECUTION_WINDOW_OPENED";
  static final String READINESS_ALERT = ReadinessAlerts.ALERT;
  static final String READINESS_RESOLVED = ReadinessAlerts.RESOLVED;
  static final String SIGN_IN_THROTTLED = SignInEvents.SIGN_IN_THROTTLED;

  /**
   * The weekly readiness report (recorded by the report module): e-mailed to the addresses in its
   * {@code recipients} detail, and to webhooks that want it.
   */
  static final String READINESS_REPORT = "READINESS_REPORT";

  /** Every type that may notify (a webhook's {@code events} filter names some of these). */
  static final Set<String> TYPES =
      Set.of(
          REQUEST_CREATED,
          CONFIRMATION_REFUSED,
          PRECHECK_OVERRIDDEN,
          BREAK_GLASS_INVOKED,
          EXECUTION_FAILED,
          EXECUTION_SUCCEEDED,
          REQUEST_EXPIRED,
          APPROVAL_DENIED,
          EXECUTION_WINDOW_OPENED,
          READINESS_ALERT,
          READINESS_RESOLVED,
          READINESS_REPORT,
          SIGN_IN_THROTTLED);

  /** Prefix of the details a refused confirmation records for each failed precheck. */
  static final String FAILED_CHECK_PREFIX = "failed.";

  private NotifiedEvents() {}

  /**
   * True when an event of this type with these details notifies: a request waiting for approval
   * (not one that needed none), a confirmation refused by failed prechecks (not by a changed plan),
   * and every other type above.
   */
  static boolean notifies(String type, Map<String, String> details) {
    if (!TYPES.contains(type)) {
      return false;
    }
    if (type.equals(REQUEST_CREATED)) {
      return "PENDING_APPROVAL".equals(details.get("state"));
    }
    if (type.equals(CONFIRMATION_REFUSED)) {
      return details.keySet().stream().anyMatch(key -> key.startsWith(FAILED_CHECK_PREFIX));
    }
    return true;
  }
}
