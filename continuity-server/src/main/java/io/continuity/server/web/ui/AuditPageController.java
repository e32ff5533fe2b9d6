package io.continuity.server.web.ui;

import io.continuity.server.audit.AuditPage;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.audit.AuditVerifier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail, filterable, with the hash-chain verification result at the top. */
@Controller
class AuditPageController {

  static final int PAGE_SIZE = 100;

  private final AuditTrail trail;
  private final AuditVerifier verifier;

  AuditPageController(AuditTrail trail, AuditVerifier verifier) {
    this.trail = trail;
    this.verifier = verifier;
  }

  @GetMapping("/audit")
  String audit(
      @RequestParam(defaultValue = "") String executionId,
      @RequestParam(defaultValue = "") String resourceId,
      @RequestParam(defaultValue = "") String actor,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    Instant fromAt = instant("from", from, errors);
    Instant toAt = instant("to", to, errors);
    if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
      errors.put("to", "'To' must be after 'From'.");
      toAt = null;
    }
    AuditQuery query =
        new AuditQuery(
            blankToNull(executionId),
            blankToNull(resourceId),
            blankToNull(actor),
            fromAt,
            toAt,
            Math.max(0, Math.min(page, AuditQuery.MAX_PAGE)),
            PAGE_SIZE);
    AuditPage found = trail.find(query);
    model.addAttribute("verification", verifier.verify());
    model.addAttribute("records", found.items());
    model.addAttribute("total", found.total());
    model.addAttribute("page", query.page());
    model.addAttribute("hasNext", (long) (query.page() + 1) * PAGE_SIZE < found.total());
    model.addAttribute("errors", errors);
    model.addAttribute(
        "filter",
        Map.of(
            "executionId", executionId,
            "resourceId", resourceId,
            "actor", actor,
            "from", from,
            "to", to));
    return "audit";
  }

  /** A {@code datetime-local} value read as UTC, or null (with an error when unreadable). */
  private static Instant instant(String field, String value, Map<String, String> errors) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.put(field, "Give a date and time like 2025-01-31T13:45 (UTC).");
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value.isBlank() ? null : value.strip();
  }
}
