package io.continuity.server.web.api;

import io.continuity.server.audit.AuditAnchor;
import io.continuity.server.audit.AuditPage;
import io.continuity.server.audit.AuditQuery;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.audit.AuditVerification;
import io.continuity.server.audit.AuditVerifier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads and verifies the audit trail. Any authenticated Continuity user may read it. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  private final AuditTrail trail;
  private final AuditVerifier verifier;

  public AuditController(AuditTrail trail, AuditVerifier verifier) {
    this.trail = trail;
    this.verifier = verifier;
  }

  /**
   * Events matching every given filter, oldest first. {@code from} is inclusive, {@code to}
   * exclusive, both ISO-8601 instants.
   */
  @GetMapping
  public AuditPage find(
      @RequestParam(required = false) @Size(max = 200) String executionId,
      @RequestParam(required = false) @Size(max = 200) String resourceId,
      @RequestParam(required = false) @Size(max = 200) String actor,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(AuditQuery.MAX_PAGE) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(AuditQuery.MAX_SIZE) int size) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequestException(
          "from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ").");
    }
    return trail.find(new AuditQuery(executionId, resourceId, actor, from, to, page, size));
  }

  /**
   * Re-computes the whole hash chain and names the first broken link, if any. With {@code
   * anchorSeq} and {@code anchorHash} (an anchor kept outside the database, for example from a
   * printed evidence report or {@code GET /api/v1/audit/head}) it also proves the chain was not
   * rewritten up to that point.
   */
  @GetMapping("/verify")
  public AuditVerification verify(
      @RequestParam(required = false) Long anchorSeq,
      @RequestParam(required = false) String anchorHash) {
    if (anchorSeq == null && anchorHash == null) {
      return verifier.verify();
    }
    if (anchorSeq == null || anchorHash == null) {
      throw new BadRequestException(
          anchorSeq == null ? "anchorSeq" : "anchorHash",
          "give both anchorSeq and anchorHash (as GET /api/v1/audit/head returns them), or"
              + " neither");
    }
    AuditAnchor anchor;
    try {
      anchor = new AuditAnchor(anchorSeq, anchorHash.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(anchorSeq < 0 ? "anchorSeq" : "anchorHash", e.getMessage());
    }
    return verifier.verify(anchor);
  }

  /** The head of the chain now: keep it outside the database to verify against later. */
  @GetMapping("/head")
  public AuditAnchor head() {
    return trail.head();
  }
}
