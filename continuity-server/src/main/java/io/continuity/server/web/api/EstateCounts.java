package io.continuity.server.web.api;

import java.util.Map;

/**
 * How many resources there are by status (worst first: RED, LOST, YELLOW, GREEN; LOST is lost
 * visibility whatever the last status), by tier, by platform and by environment.
 */
public record EstateCounts(
    int resources,
    Map<String, Integer> byStatus,
    Map<String, Integer> byTier,
    Map<String, Integer> byPlatform,
    Map<String, Integer> byEnvironment) {

  /** The count for one status key (0 when none). */
  public int of(String status) {
    return byStatus.getOrDefault(status, 0);
  }
}
