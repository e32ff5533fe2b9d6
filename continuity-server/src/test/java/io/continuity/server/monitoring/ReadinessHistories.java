package io.continuity.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A {@link ReadinessHistory} over a test store, for tests outside the monitoring package. */
public final class ReadinessHistories {

  private ReadinessHistories() {}

  /** Default monitoring settings with {@code staleness} and raw history kept for {@code raw}. */
  public static ReadinessHistory over(
      JdbcClient jdbc, Duration staleness, Duration raw, Duration bucket, Clock clock) {
    MonitoringProperties d = MonitoringProperties.defaults();
    MonitoringProperties properties =
        new MonitoringProperties(
            d.enabled(),
            d.interval(),
            d.timeout(),
            d.poolSize(),
            d.platformConcurrency(),
            staleness,
            null,
            new MonitoringProperties.Retention(
                raw, bucket, Duration.ofDays(400), Duration.ofHours(1)),
            d.leaderLease(),
            d.followInterval());
    return new ReadinessHistory(new ReadinessHistoryRepository(jdbc), properties, clock);
  }
}
