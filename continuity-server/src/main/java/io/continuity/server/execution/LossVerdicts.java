package io.continuity.server.execution;

import io.continuity.connector.api.LossConclusion;
import java.util.Optional;

/**
 * One loss verdict per member from two witnesses (design §5): the connector, which concluded at the
 * role change from the markers it read then, and monitoring, which saw the lag at confirmation. A
 * connector's exact figure (the old primary's final position known) is a proof and stands;
 * otherwise the more conservative verdict is kept and the report says the two disagreed. Monitoring
 * never proves a failover lost nothing: the primary may have written after it last looked.
 */
final class LossVerdicts {

  private LossVerdicts() {}

  /** What monitoring's evidence at confirmation says about a failover's loss. */
  static LossWindow monitoring(ResourceEvidence before) {
    if (before == null || !before.hasMarkers()) {
      return new LossWindow(
          LossConclusion.MARKER_UNAVAILABLE,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          false,
          "marker unavailable at confirmation: unable to prove completeness",
          "monitoring");
    }
    return new LossWindow(
        LossConclusion.POTENTIAL_LOSS,
        before.drMarker(),
        before.primaryMarker(),
        before.observedAt(),
        null,
        null,
        null,
        null,
        before.lagBytes() == null ? null : "bytes",
        false,
        "at confirmation the DR side was "
            + (before.lagBytes() == null ? "?" : before.lagBytes())
            + " bytes / "
            + (before.lagSeconds() == null ? "?" : before.lagSeconds())
            + " s behind (primary "
            + before.primaryMarker()
            + ", DR applied "
            + before.drMarker()
            + "); the primary may have written more after that",
        "monitoring");
  }

  /** The verdict of a failover: the connector's and monitoring's, reconciled. */
  static LossWindow failover(Optional<LossWindow> connector, ResourceEvidence before) {
    LossWindow seen = monitoring(before);
    if (connector.isEmpty()) {
      return seen.from(
              "monitoring",
              "the connector stated no loss evidence; "
                  + (seen.conclusion() == LossConclusion.MARKER_UNAVAILABLE
                      ? seen.statement()
                      : "marker unavailable: unable to prove completeness; " + seen.statement()))
          .withConclusion(LossConclusion.MARKER_UNAVAILABLE);
    }
    LossWindow stated = connector.get();
    if (stated.exact()
        || seen.conclusion() == LossConclusion.MARKER_UNAVAILABLE
        || stated.conclusion().compareTo(seen.conclusion()) >= 0) {
      // a proof stands; monitoring without markers has no opinion to weigh against the connector's
      return stated;
    }
    return seen.from(
        "connector and monitoring disagree",
        "the connector concluded "
            + stated.conclusion()
            + " ("
            + stated.statement()
            + ") but monitoring concluded "
            + seen.conclusion()
            + " ("
            + seen.statement()
            + "); the more conservative verdict is kept");
  }

  /** The verdict of a planned role change: only the connector's catch-up gate can prove it. */
  static LossWindow planned(Optional<LossWindow> connector) {
    return connector.orElseGet(
        () ->
            monitoring(null)
                .from(
                    "connector",
                    "marker unavailable: the connector stated no catch-up evidence, so"
                        + " completeness cannot be proven"));
  }
}
