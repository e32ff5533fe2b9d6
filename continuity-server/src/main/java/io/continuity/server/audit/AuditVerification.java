package io.continuity.server.audit;

/**
 * The outcome of re-computing the audit chain: whether it is intact, how many links were checked,
 * and if not the first sequence number found broken with a sentence saying what is wrong; and, when
 * an anchor was given, whether the chain still holds it.
 *
 * @param anchor the anchor checked ({@code seq N hash H}), or null when none was given
 * @param anchorHeld whether the chain holds the anchor, or null when none was given
 */
public record AuditVerification(
    boolean valid,
    long checked,
    Long firstBrokenSequence,
    String problem,
    String anchor,
    Boolean anchorHeld) {

  static AuditVerification intact(long checked) {
    return new AuditVerification(true, checked, null, null, null, null);
  }

  static AuditVerification broken(long checked, long firstBrokenSequence, String problem) {
    return new AuditVerification(false, checked, firstBrokenSequence, problem, null, null);
  }

  /** This outcome with the anchor's verdict: a missing or different anchor breaks the chain. */
  AuditVerification withAnchor(AuditAnchor given, String anchorProblem) {
    if (anchorProblem == null) {
      return new AuditVerification(
          valid, checked, firstBrokenSequence, problem, given.toString(), true);
    }
    return new AuditVerification(
        false,
        checked,
        firstBrokenSequence == null ? given.seq() : Math.min(firstBrokenSequence, given.seq()),
        problem == null ? anchorProblem : problem + "; " + anchorProblem,
        given.toString(),
        false);
  }
}
