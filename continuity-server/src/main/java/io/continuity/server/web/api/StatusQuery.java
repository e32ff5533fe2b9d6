package io.continuity.server.web.api;

import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads the estate once for the status API and the console ({@link EstateRead}). */
@Component
public class StatusQuery {

  private final MonitoringStatus monitoring;
  private final ExecutionDoubts doubts;
  private final Clock clock;

  public StatusQuery(MonitoringStatus monitoring, ExecutionDoubts doubts, Clock clock) {
    this.monitoring = monitoring;
    this.doubts = doubts;
    this.clock = clock;
  }

  /** Every resource and group, judged now. */
  public EstateRead read() {
    List<ResourceStatus> resources = monitoring.resources();
    return new EstateRead(resources, monitoring.groups(resources), doubts.all(), clock.instant());
  }
}
