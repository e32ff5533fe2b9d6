package io.continuity.server.web.api;

import io.continuity.server.execution.ExecutionDoubts;
import io.continuity.server.monitoring.MonitoringStatus;
import io.continuity.server.monitoring.ResourceStatus;
import java.time.Clock;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * DR readiness status of resources and groups: GREEN, YELLOW or RED with reasons, evidence age and
 * visibility; while visibility is lost, the last known status and its age; a resource whose last
 * execution ended in doubt carries it until someone acknowledges it. Any role may read it. The
 * estate-wide answers carry a weak ETag over the readiness they state (see {@link EstateRead#etag})
 * and answer 304 to a client that already has it.
 */
@RestController
public class StatusController {

  private final MonitoringStatus monitoring;
  private final Clock clock;
  private final ExecutionDoubts doubts;
  private final StatusQuery query;
  private final EstateDocuments documents;

  StatusController(
      MonitoringStatus monitoring,
      Clock clock,
      ExecutionDoubts doubts,
      StatusQuery query,
      EstateDocuments documents) {
    this.monitoring = monitoring;
    this.clock = clock;
    this.doubts = doubts;
    this.query = query;
    this.documents = documents;
  }

  /**
   * Without parameters every resource and every group (for scripts); with a filter, search or page
   * ({@code status}, {@code tier}, {@code platform}, {@code environment}, {@code q}, {@code page},
   * {@code size}) one page of matching resources, worst first.
   */
  @GetMapping("/api/v1/status")
  public ResponseEntity<?> overview(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String environment,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      WebRequest request) {
    StatusCriteria criteria =
        StatusCriteria.parse(status, tier, platform, environment, q, page, size);
    EstateRead read = query.read();
    if (criteria.unfiltered() && page == null && size == null) {
      // a poller that has the answer gets its 304 without the document being serialized
      if (request.checkNotModified(read.estateEtag())) {
        return null;
      }
      EstateDocuments.Document document = documents.of(read);
      return ok(document.etag()).contentType(MediaType.APPLICATION_JSON).body(document.json());
    }
    EstateDocuments.Document document = documents.page(read, criteria);
    if (request.checkNotModified(document.etag())) {
      return null;
    }
    return ok(document.etag()).contentType(MediaType.APPLICATION_JSON).body(document.json());
  }

  /** Counts by status, tier, platform and environment, and every group with its status. */
  @GetMapping("/api/v1/status/summary")
  public ResponseEntity<StatusSummary> summary(WebRequest request) {
    EstateRead read = query.read();
    EstateCounts counts = read.counts();
    String etag = read.etag("summary" + counts, List.of(), read.groups());
    if (request.checkNotModified(etag)) {
      return null;
    }
    return ok(etag)
        .body(
            new StatusSummary(
                counts,
                read.groups().stream().map(g -> StatusViews.group(g, read.now())).toList()));
  }

  /** One resource's status; 404 when it is not in the inventory. */
  @GetMapping("/api/v1/resources/{id}/status")
  public ResourceStatusView resource(@PathVariable String id) {
    return monitoring
        .resource(id)
        .map(r -> StatusViews.resource(r, clock.instant(), doubts.recentOf(id)))
        .orElseThrow(() -> new NotFoundException("resource", id));
  }

  private static ResponseEntity.BodyBuilder ok(String etag) {
    return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePrivate());
  }

  private static String id(ResourceStatus status) {
    return status.resource().id();
  }
}
