package io.continuity.server.web.ui;

import io.continuity.connector.api.CapabilityStatus;
import io.continuity.core.identity.Role;
import io.continuity.core.inventory.Resource;
import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.execution.ExecutionFilter;
import io.continuity.server.execution.ExecutionNotFoundException;
import io.continuity.server.execution.ExecutionRequests;
import io.continuity.server.execution.NothingToAcknowledgeException;
import io.continuity.server.monitoring.ConnectorLookup;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ObservationHistory;
import io.continuity.server.monitoring.ResourceConnectors;
import io.continuity.server.monitoring.ResourceStatus;
import io.continuity.server.monitoring.StoredObservation;
import io.continuity.server.security.AuthenticatedActor;
import io.continuity.server.security.CurrentActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resource's page: status with every reason and its evidence source, the lag chart, declared
 * capabilities, recent observations (sanitized payload) and the executions on it.
 */
@Controller
class ResourcePageController {

  static final Duration CHART_WINDOW = Duration.ofHours(1);
  static final int RECENT = 15;

  private final MonitoringStatus monitoring;
  private final ObservationHistory history;
  private final ResourceConnectors connectors;
  private final ExecutionRequests executions;
  private final EstateTiles tiles;
  private final Clock clock;
  private final ExecutionDoubts doubts;
  private final CurrentActor currentActor;
  private final JsonMapper json = JsonMapper.builder().build();

  ResourcePageController(
      MonitoringStatus monitoring,
      ObservationHistory history,
      ResourceConnectors connectors,
      ExecutionRequests executions,
      EstateTiles tiles,
      Clock clock,
      ExecutionDoubts doubts,
      CurrentActor currentActor) {
    this.doubts = doubts;
    this.currentActor = currentActor;
    this.monitoring = monitoring;
    this.history = history;
    this.connectors = connectors;
    this.executions = executions;
    this.tiles = tiles;
    this.clock = clock;
  }

  @GetMapping("/resources/{id}")
  String resource(@PathVariable String id, Model model) {
    model.addAttribute("doubt", doubts.of(id).orElse(null));
    ResourceStatus status =
        monitoring
            .resource(id)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "There is no resource " + id + " in the inventory"));
    Resource resource = status.resource();
    Instant now = clock.instant();
    List<StoredObservation> window =
        history.find(id, now.minus(CHART_WINDOW), now.plusSeconds(1), ObservationHistory.MAX_LIMIT);
    model.addAttribute("resource", resource);
    model.addAttribute("tile", tiles.resourceTile(status, now));
    model.addAttribute("outcome", status.outcome());
    model.addAttribute("chartJson", LagChart.json(resource, window));
    model.addAttribute("rpoTarget", Ages.span(resource.rpo().target()));
    model.addAttribute("rpoWarn", Ages.span(resource.rpo().warn()));
    model.addAttribute("capabilities", capabilities(resource));
    model.addAttribute("connectorProblem", connectorProblem(resource));
    model.addAttribute("observations", recent(window, now));
    model.addAttribute(
        "members",
        monitoring
            .latestObservation(id)
            .flatMap(o -> o.result())
            .map(r -> r.members())
            .orElse(List.of()));
    model.addAttribute(
        "executions",
        executions.list(new ExecutionFilter(Optional.empty(), Optional.of(id), 0, 20)).items());
    return "resource";
  }

  /**
   * A person who checked the resource by hand acknowledges the execution that left it in doubt
   * (OPERATOR, APPROVER or ADMIN; anyone else gets the audited 403).
   */
  @PostMapping("/resources/{id}/acknowledge")
  String acknowledge(
      @PathVariable String id,
      @RequestParam String executionId,
      @RequestParam(defaultValue = "") String note,
      Model model) {
    AuthenticatedActor me = currentActor.require();
    if (me.roles().stream().noneMatch(ACKNOWLEDGERS::contains)) {
      throw new AccessDeniedException(
          "acknowledging an execution needs the OPERATOR, APPROVER or ADMIN role");
    }
    if (note.isBlank()) {
      model.addAttribute("acknowledgeError", "Say what you checked before acknowledging.");
      return resource(id, model);
    }
    try {
      doubts.acknowledge(executionId, ConsoleUser.actor(me), note.strip());
    } catch (NothingToAcknowledgeException | ExecutionNotFoundException e) {
      model.addAttribute("acknowledgeError", e.getMessage());
      return resource(id, model);
    }
    return "redirect:/resources/" + id;
  }

  private static final Set<Role> ACKNOWLEDGERS = Set.of(Role.OPERATOR, Role.APPROVER, Role.ADMIN);

  private Collection<CapabilityStatus> capabilities(Resource resource) {
    ConnectorLookup lookup = connectors.lookup(resource);
    if (lookup instanceof ConnectorLookup.Available available) {
      return available.connector().capabilities().declared();
    }
    return List.of();
  }

  private String connectorProblem(Resource resource) {
    ConnectorLookup lookup = connectors.lookup(resource);
    return lookup instanceof ConnectorLookup.Unavailable unavailable ? unavailable.reason() : "";
  }

  private List<ObservationLine> recent(List<StoredObservation> newestFirst, Instant now) {
    List<ObservationLine> lines = new ArrayList<>();
    for (StoredObservation o : newestFirst.subList(0, Math.min(RECENT, newestFirst.size()))) {
      lines.add(
          new ObservationLine(
              o.observedAt().toString(),
              Ages.ago(o.observedAt(), now),
              o.ok() ? "ok" : "failed: " + o.failure(),
              o.health() == null ? "unknown" : o.health(),
              o.replicationState() == null ? "unknown" : o.replicationState(),
              o.lagSeconds() == null ? "unknown" : o.lagSeconds() + " s",
              o.lagBytes() == null ? "unknown" : o.lagBytes() + " bytes",
              o.primaryMarker() == null ? "unavailable" : o.primaryMarker(),
              o.drMarker() == null ? "unavailable" : o.drMarker(),
              json.writerWithDefaultPrettyPrinter().writeValueAsString(o.payload())));
    }
    return lines;
  }

  /** One recent observation as the page lists it, its payload already sanitized by monitoring. */
  public record ObservationLine(
      String at,
      String age,
      String probe,
      String health,
      String replication,
      String lagTime,
      String lagBytes,
      String primaryMarker,
      String drMarker,
      String payload) {}
}
