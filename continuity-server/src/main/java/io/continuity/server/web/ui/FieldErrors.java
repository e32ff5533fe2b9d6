package io.continuity.server.web.ui;

import io.continuity.core.approval.CommandRefusedException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a service refusal to the form field it is about (as the API's problem {@code field} does),
 * so the console shows the message next to that field; anything else goes to {@code form}.
 */
final class FieldErrors {

  static final String FORM = "form";

  private FieldErrors() {}

  static Map<String, String> of(String field, String message) {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put(field, message);
    return errors;
  }

  /** The new-request form field of an {@code ExecutionTargetException} field name. */
  static String requestField(String apiField) {
    switch (apiField) {
      case "resourceId":
      case "groupId":
        return "target";
      case "targetSite":
      case "changeTicket":
      case "reason":
      case "type":
        return apiField;
      default:
        return FORM;
    }
  }

  /** The field a refused command is about, where one is. */
  static String refusalField(CommandRefusedException refused) {
    switch (refused.rule()) {
      case CHANGE_TICKET_REQUIRED:
      case CHANGE_TICKET_FORMAT:
        return "changeTicket";
      case REASON_REQUIRED:
        return "create".equals(refused.action()) ? "reason" : "comment";
      case BREAK_GLASS_JUSTIFICATION_REQUIRED:
        return refused.getMessage().contains("incident") ? "incidentRef" : "justification";
      default:
        return FORM;
    }
  }
}
