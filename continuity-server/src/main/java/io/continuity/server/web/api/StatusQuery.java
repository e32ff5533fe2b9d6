package io.continuity.server.web.api;

import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.inventory.InventoryChanged;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the estate once for the status API and the console ({@link EstateRead}).
 *
 * <p>Judging 10,000 outcomes is most of what a dashboard, a summary or a 304 costs, so a read is
 * reused by the requests that follow it while it is certainly still the answer (decision 023): no
 * outcome's verdict changed since ({@link MonitoringStatus#verdictVersion}), the inventory was not
 * reloaded, the clock has not reached the first instant at which time alone could change a
 * judgement ({@link MonitoringStatus#judgementsHoldUntil}: evidence going stale, a loss outlasting
 * the RPO), and it is younger than {@code continuity.status.reuse-read-for} (1 s; 0 turns reuse
 * off), which bounds how old the ages, lag figures and execution doubts it shows can be. A stale
 * GREEN is never served from it: the read is judged again from the instant its evidence goes stale.
 * Past that second, while every verdict in it still holds, one request judges again and the others
 * keep the read until the new one is there (its ages are then a judging's time older).
 */
@Component
public class StatusQuery {

  private final MonitoringStatus monitoring;
  private final ExecutionDoubts doubts;
  private final Clock clock;
  private final ReusedRead<EstateRead> reads;

  public StatusQuery(
      MonitoringStatus monitoring,
      ExecutionDoubts doubts,
      Clock clock,
      @Value("${continuity.status.reuse-read-for:1s}") Duration reuseFor) {
    this.monitoring = monitoring;
    this.doubts = doubts;
    this.clock = clock;
    this.reads = new ReusedRead<>(reuseFor, clock, monitoring::verdictVersion, this::judgeNow);
  }

  /** Every resource and group, judged now (or by a read that still gives the same judgement). */
  public EstateRead read() {
    return reads.get();
  }

  @EventListener
  void inventoryChanged(InventoryChanged change) {
    reads.forget();
  }

  private ReusedRead.Judged<EstateRead> judgeNow() {
    long version = monitoring.verdictVersion();
    Instant now = clock.instant();
    List<ResourceStatus> resources = monitoring.resources();
    EstateRead read = new EstateRead(resources, monitoring.groups(resources), doubts.all(), now);
    return new ReusedRead.Judged<>(read, version, monitoring.judgementsHoldUntil(resources, now));
  }
}
