package io.continuity.server.web.api;

import io.continuity.server.inventory.Inventory;
import io.continuity.server.monitoring.ObservationHistory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The observation history of a resource, for troubleshooting and charts. */
@RestController
public class ObservationsController {

  private final Inventory inventory;
  private final ObservationHistory history;
  private final Clock clock;

  public ObservationsController(Inventory inventory, ObservationHistory history, Clock clock) {
    this.inventory = inventory;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Observations with {@code from <= observedAt < to} (ISO-8601 instants; default the last hour),
   * newest first, at most {@code limit} (default 100).
   */
  @GetMapping("/api/v1/resources/{id}/observations")
  public List<ObservationView> observations(
      @PathVariable String id,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "100") @Min(1) @Max(ObservationHistory.MAX_LIMIT) int limit) {
    if (inventory.resource(id).isEmpty()) {
      throw new NotFoundException("resource", id);
    }
    Instant end = to != null ? to : clock.instant().plusMillis(1);
    Instant start = from != null ? from : end.minus(Duration.ofHours(1));
    if (!start.isBefore(end)) {
      throw new BadRequestException(
          "from", "parameter 'from' (" + start + ") must be before 'to' (" + end + ").");
    }
    return history.find(id, start, end, limit).stream().map(ObservationView::of).toList();
  }
}
