package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.StepContext;
import io.continuity.connector.api.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a switchover fails after the quiesce and before any promotion (the target did not catch up,
 * or its promotion was refused), the pair would be left without a writable primary. This puts the
 * old primary back, as a DBA (and repmgr) would: start it with its {@code start} host action, or
 * reset the read-only default the quiesce set, and check that it takes writes. It acts only when
 * the target is certainly not a primary (still in recovery, or unreachable so this run cannot have
 * promoted it): with a promoted target, starting the old primary would make two.
 */
final class QuiesceUndo {

  static final String ROLLED_BACK = "rolledBack";

  private final StepSupport support;

  QuiesceUndo(StepSupport support) {
    this.support = support;
  }

  /** The failed step's result, after putting the old primary back where that is safe. */
  StepResult failAndRestore(StepContext context, String why, Map<String, String> stepFacts)
      throws ConnectorException {
    StepSupport.Sites sites = support.sites(context);
    Map<String, String> facts = new LinkedHashMap<>(stepFacts);
    SiteObservation target = support.observe(sites.target());
    if (target.isPrimary()) {
      return support.failed(
          why
              + "\nThe old primary "
              + sites.source().name()
              + " was NOT restarted: "
              + sites.target().name()
              + " is a primary, and two must never exist. Check the roles by hand.",
          facts);
    }
    String restored = restore(context, sites.source());
    SiteObservation source = support.observe(sites.source());
    boolean writable = source.isPrimary() && !source.readOnlyByDefault();
    facts.put(ROLLED_BACK, Boolean.toString(writable));
    if (!writable) {
      return support.failed(
          why
              + "\nRolling back failed: "
              + restored
              + "; "
              + sites.source().name()
              + " does not take writes ("
              + CheckSteps.describe(source, "writable primary")
              + "). No node takes writes: start "
              + sites.source().name()
              + " by hand.",
          facts);
    }
    return support.failed(
        why
            + "\nRolled back: "
            + restored
            + "; "
            + sites.source().name()
            + " takes writes again and "
            + sites.target().name()
            + " is still its standby, as before the run.",
        facts);
  }

  private String restore(StepContext context, SiteSettings source) throws ConnectorException {
    return new ResumePrimary(support)
        .restore(source, support.sites(context).target(), context.executionId());
  }
}
