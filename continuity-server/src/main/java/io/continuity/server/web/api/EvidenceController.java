package io.continuity.server.web.api;

import io.continuity.server.execution.EvidenceReport;
import io.continuity.server.execution.EvidenceReports;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence of an execution: JSON for tools, or a printable HTML page ({@code Accept: text/html}
 * or {@code /evidence.html}) for the change record and the auditor.
 */
@RestController
@RequestMapping("/api/v1/executions")
public class EvidenceController {

  private final EvidenceReports reports;

  public EvidenceController(EvidenceReports reports) {
    this.reports = reports;
  }

  @GetMapping(path = "/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
  public EvidenceReport evidence(@PathVariable String id) {
    return reports.report(id);
  }

  @GetMapping(path = "/{id}/evidence", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> evidenceHtml(@PathVariable String id) {
    return html(id);
  }

  @GetMapping(path = "/{id}/evidence.html")
  public ResponseEntity<String> evidencePage(@PathVariable String id) {
    return html(id);
  }

  private ResponseEntity<String> html(String id) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(EvidenceHtml.render(reports.report(id)));
  }
}
