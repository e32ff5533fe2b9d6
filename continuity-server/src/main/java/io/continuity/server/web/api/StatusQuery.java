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
 */
@Component
public class StatusQuery {

  private final MonitoringStatus monitoring;
  private final ExecutionDoubts doubts;
  private final Clock clock;
  private final Duration reuseFor;
  private final Object reading = new Object();
  private volatile Reusable last;

  public StatusQuery(
      MonitoringStatus monitoring,
      ExecutionDoubts doubts,
      Clock clock,
      @Value("${continuity.status.reuse-read-for:1s}") Duration reuseFor) {
    this.monitoring = monitoring;
    this.doubts = doubts;
    this.clock = clock;
    this.reuseFor = reuseFor;
  }

  /** Every resource and group, judged now (or by a read that still gives the same judgement). */
  public EstateRead read() {
    if (reuseFor.isZero() || reuseFor.isNegative()) {
      return judgeNow().read();
    }
    Reusable reusable = last;
    if (reusable != null && reusable.holds(monitoring.verdictVersion(), clock.instant())) {
      return reusable.read();
    }
    synchronized (reading) {
      reusable = last;
      if (reusable != null && reusable.holds(monitoring.verdictVersion(), clock.instant())) {
        return reusable.read();
      }
      reusable = judgeNow();
      last = reusable;
      return reusable.read();
    }
  }

  @EventListener
  void inventoryChanged(InventoryChanged change) {
    last = null;
  }

  private Reusable judgeNow() {
    long version = monitoring.verdictVersion();
    Instant now = clock.instant();
    List<ResourceStatus> resources = monitoring.resources();
    EstateRead read = new EstateRead(resources, monitoring.groups(resources), doubts.all(), now);
    Instant until = monitoring.judgementsHoldUntil(resources, now);
    Instant cap = now.plus(reuseFor.isNegative() ? Duration.ZERO : reuseFor);
    return new Reusable(read, version, until.isBefore(cap) ? until : cap);
  }

  /** A read, the verdict version it was judged at, and until when (exclusive) it holds. */
  private record Reusable(EstateRead read, long version, Instant until) {
    boolean holds(long versionNow, Instant now) {
      return version == versionNow && now.isBefore(until);
    }
  }
}
