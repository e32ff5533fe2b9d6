package io.continuity.server.audit;

/**
 * The outcome of re-computing the audit chain: whether it is intact, how many links were checked,
 * and if not the first sequence number found broken with a sentence saying what is wrong.
 */
public record AuditVerification(
    boolean valid, long checked, Long firstBrokenSequence, String problem) {

  static AuditVerification intact(long checked) {
    return new AuditVerification(true, checked, null, null);
  }

  static AuditVerification broken(long checked, long firstBrokenSequence, String problem) {
    return new AuditVerification(false, checked, firstBrokenSequence, problem);
  }
}
