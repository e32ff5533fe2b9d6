package io.continuity.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the audit chain's head outside the database at an interval, whenever it moved: one log
 * line (logs are usually shipped elsewhere) and, when {@code continuity.audit.anchor-file} is set,
 * one line appended to that file ({@code <time> seq <n> hash <sha-256>}; put it on another volume
 * or host). Any line of it verifies later with {@code GET
 * /api/v1/audit/verify?anchorSeq=&anchorHash=}.
 */
@Component
class AuditAnchorLog {

  private static final Logger log = LoggerFactory.getLogger(AuditAnchorLog.class);

  private final AuditTrail trail;
  private final String file;
  private final Clock clock;
  private final AtomicReference<AuditAnchor> last = new AtomicReference<>();

  AuditAnchorLog(
      AuditTrail trail, @Value("${continuity.audit.anchor-file:}") String file, Clock clock) {
    this.trail = trail;
    this.file = file;
    this.clock = clock;
  }

  /**
   * Writes the head when it moved since the last write.
   *
   * @return the anchor written, or null when the head had not moved or writing failed
   */
  @Scheduled(
      initialDelayString = "${continuity.audit.anchor-interval:PT15M}",
      fixedDelayString = "${continuity.audit.anchor-interval:PT15M}")
  AuditAnchor writeIfMoved() {
    try {
      AuditAnchor head = trail.head();
      if (head.equals(last.get())) {
        return null;
      }
      String line = clock.instant() + " " + head;
      log.info("Audit anchor: {}", head);
      if (!file.isBlank()) {
        Files.writeString(
            Path.of(file),
            line + System.lineSeparator(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      last.set(head);
      return head;
    } catch (IOException | RuntimeException e) {
      log.error(
          "Could not write the audit anchor to {}: {}; will try again at the next interval",
          file.isBlank() ? "the log" : file,
          e.toString());
      return null;
    }
  }
}
