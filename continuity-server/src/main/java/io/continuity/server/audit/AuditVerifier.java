package io.continuity.server.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Re-computes the audit chain from the stored rows and reports the first link that does not hold: a
 * gap in the sequence, a previous-hash that does not match, a hash that does not match the row's
 * contents, unreadable details, or a chain that ends before the recorded head (events removed from
 * the end). Reads in batches so long chains do not need to fit in memory.
 */
@Service
public class AuditVerifier {

  private static final int BATCH = 500;

  private final AuditEventRepository repository;

  public AuditVerifier(JdbcClient jdbc) {
    this.repository = new AuditEventRepository(jdbc);
  }

  /**
   * {@link #verify()} and then whether the chain still holds the anchor: the event at its sequence
   * number exists and has its hash. A chain rewritten consistently (every hash recomputed, or
   * events cut from the end with the head moved back) passes {@link #verify()} but not this.
   */
  public AuditVerification verify(AuditAnchor anchor) {
    AuditVerification chain = verify();
    if (anchor.seq() == 0) {
      return chain.withAnchor(anchor, null);
    }
    Optional<String> stored = repository.hashAt(anchor.seq());
    if (stored.isEmpty()) {
      return chain.withAnchor(
          anchor,
          "the chain has no event "
              + anchor.seq()
              + " although it was anchored: events were removed and the chain rewritten");
    }
    if (!stored.get().equals(anchor.hash())) {
      return chain.withAnchor(
          anchor,
          "event "
              + anchor.seq()
              + " does not have the anchored hash: the chain was rewritten up to there");
    }
    return chain.withAnchor(anchor, null);
  }

  public AuditVerification verify() {
    AuditEventRepository.Head head = repository.readHead();
    long expectedSeq = 1;
    String expectedPrev = CanonicalAuditEncoding.GENESIS_HASH;
    long checked = 0;
    List<AuditEventRepository.StoredRow> batch;
    do {
      batch = repository.rowsAfter(expectedSeq - 1, BATCH);
      for (AuditEventRepository.StoredRow row : batch) {
        String problem = problemWith(row, expectedSeq, expectedPrev);
        if (problem != null) {
          return AuditVerification.broken(checked, expectedSeq, problem);
        }
        checked++;
        expectedSeq++;
        expectedPrev = row.hash();
      }
    } while (batch.size() == BATCH);
    long lastSeq = expectedSeq - 1;
    if (head.lastSeq() != lastSeq || !head.lastHash().equals(expectedPrev)) {
      return AuditVerification.broken(
          checked,
          Math.min(lastSeq, head.lastSeq()) + 1,
          "the chain ends at sequence "
              + lastSeq
              + " but the recorded head is sequence "
              + head.lastSeq()
              + ": events were removed or the head was altered");
    }
    return AuditVerification.intact(checked);
  }

  private static String problemWith(
      AuditEventRepository.StoredRow row, long expectedSeq, String expectedPrev) {
    if (row.seq() != expectedSeq) {
      return "sequence " + expectedSeq + " is missing (next stored is " + row.seq() + ")";
    }
    if (!expectedPrev.equals(row.prevHash())) {
      return "sequence " + row.seq() + " does not point at the previous event's hash";
    }
    AuditRecord record;
    try {
      record = row.toRecord();
    } catch (IllegalArgumentException e) {
      return "sequence " + row.seq() + " has details that are not a flat JSON object";
    }
    Map<String, String> details = record.details();
    if (details == null || !CanonicalAuditEncoding.hash(record).equals(row.hash())) {
      return "sequence " + row.seq() + " does not match its hash: its contents were changed";
    }
    return null;
  }
}
