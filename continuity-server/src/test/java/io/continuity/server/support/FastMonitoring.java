package io.continuity.server.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Monitoring fast enough for an end-to-end test: every tier probed every 200 ms, a 1 s probe
 * timeout, and the staleness watchdog every 200 ms.
 */
public final class FastMonitoring {

  private FastMonitoring() {}

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("continuity.monitoring.interval.tier1", () -> "200ms");
    registry.add("continuity.monitoring.interval.tier2", () -> "200ms");
    registry.add("continuity.monitoring.timeout", () -> "1s");
    registry.add("continuity.monitoring.watchdog-period", () -> "200ms");
  }
}
