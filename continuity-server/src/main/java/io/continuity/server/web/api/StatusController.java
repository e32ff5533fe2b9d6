package io.continuity.server.web.api;

import io.continuity.server.execution.ExecutionDoubt;
import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * DR readiness status of resources and groups: GREEN, YELLOW or RED with reasons, evidence age and
 * visibility; while visibility is lost, the last known status and its age; a resource whose last
 * execution ended in doubt carries it until someone acknowledges it. Any role may read it.
 */
@RestController
public class StatusController {

  private final MonitoringStatus monitoring;
  private final Clock clock;
  private final ExecutionDoubts doubts;

  public StatusController(MonitoringStatus monitoring, Clock clock, ExecutionDoubts doubts) {
    this.monitoring = monitoring;
    this.clock = clock;
    this.doubts = doubts;
  }

  /** Every resource and every group. */
  @GetMapping("/api/v1/status")
  public StatusOverview overview() {
    Instant now = clock.instant();
    List<ResourceStatus> resources = monitoring.resources();
    Map<String, ExecutionDoubt> inDoubt = doubts.all();
    return new StatusOverview(
        resources.stream()
            .map(
                r ->
                    StatusViews.resource(
                        r, now, Optional.ofNullable(inDoubt.get(r.resource().id()))))
            .toList(),
        monitoring.groups(resources).stream().map(g -> StatusViews.group(g, now)).toList());
  }

  /** One resource's status; 404 when it is not in the inventory. */
  @GetMapping("/api/v1/resources/{id}/status")
  public ResourceStatusView resource(@PathVariable String id) {
    return monitoring
        .resource(id)
        .map(r -> StatusViews.resource(r, clock.instant(), doubts.of(id)))
        .orElseThrow(() -> new NotFoundException("resource", id));
  }
}
