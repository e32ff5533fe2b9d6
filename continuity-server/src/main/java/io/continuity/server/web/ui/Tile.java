package io.continuity.server.web.ui;

import java.util.List;

/**
 * One resource or group on the estate dashboard, ready to render.
 *
 * @param kind {@code resource} or {@code group}
 * @param lastKnown the banner for a tile without visibility ("LAST KNOWN: GREEN · 2 min ago"),
 *     empty while visible
 * @param lag the lag against the RPO in words ("lag 1.2 s of RPO 2 min"), empty for groups
 * @param inDoubt "last execution EX-… ended with step promote-target in an unknown state …" until
 *     someone acknowledges it; empty otherwise
 * @param drill the drill-policy finding ("never drilled", "drill overdue: ..."), empty when the
 *     last drill is recent enough (and for groups)
 */
public record Tile(
    String kind,
    String id,
    String name,
    String href,
    String status,
    StatusLook look,
    String lastKnown,
    String topReason,
    int tier,
    String platform,
    String environment,
    List<SiteMark> sites,
    String lag,
    String evidenceAge,
    String inDoubt,
    String drill) {

  /** One site of a resource, the current primary marked. */
  public record SiteMark(String name, boolean primary) {}

  /**
   * The tile's element id, stable from one refresh to the next: {@code tile-resource-orders-db}.
   */
  public String domId() {
    return "tile-" + kind + "-" + id;
  }

  public boolean doubtful() {
    return !inDoubt.isEmpty();
  }

  public boolean drillDue() {
    return !drill.isEmpty();
  }

  public boolean lost() {
    return !lastKnown.isEmpty();
  }
}
