package io.continuity.server.execution;

import io.continuity.connector.api.OperationType;

/**
 * The data-loss statement shown with a plan, per member, worded conservatively (design §5): a
 * failover's lag at the last probe (never called an upper bound: the primary may write more), a
 * planned switchover's guarantee, and "marker unavailable" whenever the markers cannot prove
 * completeness.
 */
final class DataLossWarning {

  static final String MARKER_UNAVAILABLE = "marker unavailable: cannot prove completeness";

  private DataLossWarning() {}

  static String of(OperationType type, ResourceEvidence e) {
    String who = e.resourceId() + ": ";
    switch (type) {
      case FAILOVER:
        if (!e.hasMarkers()) {
          return who + MARKER_UNAVAILABLE + window(e, "; last measured lag ");
        }
        return who
            + "writes may be lost: at the last probe the DR side was "
            + (e.lagBytes() == null ? "? bytes" : e.lagBytes() + " bytes")
            + " / "
            + (e.lagSeconds() == null ? "? seconds" : seconds(e) + " seconds")
            + " behind (primary at "
            + e.primaryMarker()
            + ", DR applied "
            + e.drMarker()
            + "); the primary may write more before it is lost or fenced, so this is not an upper"
            + " bound — the evidence report states what the failover proves";
      case SWITCHOVER:
      case FAILBACK:
        return who
            + "planned: no data loss expected, the promote step refuses until the target has"
            + " replayed the old primary's final marker"
            + (e.hasMarkers() ? "" : "; " + MARKER_UNAVAILABLE);
      default:
        return who + "drill: production roles do not change; no data loss expected";
    }
  }

  private static String window(ResourceEvidence e, String prefix) {
    if (e.lagBytes() == null && e.lagSeconds() == null) {
      return "";
    }
    return prefix
        + (e.lagBytes() == null ? "?" : e.lagBytes())
        + " bytes / "
        + (e.lagSeconds() == null ? "?" : seconds(e))
        + " seconds";
  }

  private static String seconds(ResourceEvidence e) {
    return String.format(java.util.Locale.ROOT, "%.1f", e.lagSeconds());
  }
}
