package io.continuity.server.monitoring;

import io.continuity.connector.api.Platform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One semaphore per platform bounding how many of its probes hold a worker at once, so a platform
 * whose probes hang can take at most {@code perPlatform} workers and never starve the others. A
 * permit is held until the probe's thread really returns, even after its timeout was recorded.
 */
final class PlatformBulkheads {

  private final int perPlatform;
  private final Map<Platform, Semaphore> permits = new ConcurrentHashMap<>();

  PlatformBulkheads(int perPlatform) {
    this.perPlatform = perPlatform;
  }

  /** Takes a permit without waiting; false when the platform already has every permit out. */
  boolean tryEnter(Platform platform) {
    return semaphore(platform).tryAcquire();
  }

  void leave(Platform platform) {
    semaphore(platform).release();
  }

  /** Probes of this platform in flight now. */
  int inFlight(Platform platform) {
    return perPlatform - semaphore(platform).availablePermits();
  }

  private Semaphore semaphore(Platform platform) {
    return permits.computeIfAbsent(platform, p -> new Semaphore(perPlatform));
  }
}
