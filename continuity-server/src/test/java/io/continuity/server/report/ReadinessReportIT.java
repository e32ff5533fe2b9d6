package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.continuity.core.audit.GenericAuditEvent;
import io.continuity.server.audit.AuditTrail;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/reports/readiness} over a scripted history with a known answer, as JSON, CSV,
 * HTML and PDF (read back as text), and its refusals of bad parameters.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "continuity.monitoring.enabled=false",
      "continuity.monitoring.staleness-threshold=60s"
    })
@ActiveProfiles("demo")
class ReadinessReportIT {

  private static final String PASSWORD = "readiness-report-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INVENTORY =
      """
      resources:
        - id: orders-db
          name: Orders
          platform: simulated
          tier: 1
          environment: test
          owner: carol
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
        - id: reports-db
          name: Reports
          platform: simulated
          tier: 2
          environment: test
          owner: dba@example.com
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      groups:
        - id: reporting
          name: Reporting
          tier: 2
          members: [reports-db]
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail audit;
  @Autowired DrillPolicy drills;

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant to = NOW.minusSeconds(3600);
  private static final Instant from = to.minusSeconds(3600);
  private static boolean alerted;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-readiness-report");
    TestStateStore.registerH2(registry, dir);
    registry.add("continuity.demo.password", () -> PASSWORD);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
  }

  /**
   * orders-db: GREEN since before the period; an observation every 30 s for the first half hour
   * (lag 5 s, one of 400 s at +10 min, over the 5 min target), then nothing: with a 60 s staleness
   * threshold the evidence ends at +30:30. Known answer over the hour: green 1830 s, unknown 1770
   * s, within RPO 1800 s, worst lag 400 s at +10 min. One readiness alert.
   */
  @BeforeEach
  void history() {
    jdbc.sql("delete from observation").update();
    jdbc.sql("delete from status_change").update();
    change("orders-db", from.minusSeconds(600), "GREEN", "OK");
    for (int k = 0; k < 60; k++) {
      observe("orders-db", from.plusSeconds(30L * k), k == 20 ? 400.0 : 5.0);
    }
    if (alerted) {
      return;
    }
    alerted = true;
    audit.append(
        new GenericAuditEvent(
            "READINESS_ALERT",
            "system:monitoring",
            from.plusSeconds(300),
            Optional.empty(),
            Optional.of("orders-db"),
            "lag over target",
            Optional.empty(),
            Map.of("kind", "RED")));
  }

  @Test
  void jsonCarriesTheKnownAnswerTheAuditHeadAndTheFindings() throws Exception {
    HttpResponse<byte[]> response = get(period(), "application/json");
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    JsonNode report = JSON.readTree(response.body());

    JsonNode orders = report.path("resources").get(0);
    assertThat(orders.path("id").asString()).isEqualTo("orders-db");
    JsonNode c = orders.path("compliance");
    assertThat(c.path("periodMillis").asLong()).isEqualTo(3_600_000L);
    assertThat(c.path("greenMillis").asLong()).isEqualTo(1_830_000L);
    assertThat(c.path("unknownMillis").asLong()).isEqualTo(1_770_000L);
    assertThat(c.path("withinRpoMillis").asLong()).isEqualTo(1_800_000L);
    assertThat(c.path("withinRpo").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(c.path("worstLagSeconds").asDouble()).isEqualTo(400.0);
    assertThat(Instant.parse(c.path("worstLagAt").asString())).isEqualTo(from.plusSeconds(600));
    assertThat(orders.path("readinessAlerts").asLong()).isEqualTo(1);
    JsonNode reports = report.path("resources").get(1);
    assertThat(reports.path("compliance").path("unknown").asDouble()).isEqualTo(1.0);
    assertThat(report.path("auditHead").path("seq").asLong()).isPositive();
    assertThat(report.path("findings").valueStream().map(f -> f.path("kind").asString()))
        .contains("NEVER_DRILLED");

    JsonNode tier2 = JSON.readTree(get(period() + "&tier=2", "application/json").body());
    assertThat(tier2.path("resources").valueStream().map(r -> r.path("id").asString()))
        .containsExactly("reports-db");
    JsonNode group = JSON.readTree(get(period() + "&group=reporting", "application/json").body());
    assertThat(group.path("groups").get(0).path("id").asString()).isEqualTo("reporting");
  }

  @Test
  void csvHasOneRowPerResourceAnchoredToTheTrail() throws Exception {
    HttpResponse<byte[]> response = get(period(), "text/csv");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = text(response).split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("resource,name,tier,groups,green,yellow,red");
    assertThat(lines[1])
        .startsWith("orders-db,Orders,1,,0.508333,0.000000,0.000000,0.000000,0.491667,0.500000");
    assertThat(lines[1]).contains(",400.000,").endsWith(audit.head().hash());
    assertThat(get(period().replace("?", ".csv?"), "*/*").statusCode()).isEqualTo(200);
  }

  @Test
  void pdfReadsBackWithThePeriodPageNumbersAndAuditHead() throws Exception {
    HttpResponse<byte[]> response = get(period(), "application/pdf");
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains(".pdf");
    String text;
    try (PDDocument pdf = Loader.loadPDF(response.body())) {
      text = new PDFTextStripper().getText(pdf);
    }
    assertThat(text)
        .contains("Readiness report")
        .contains(from.toString())
        .contains(to.toString())
        .contains("Page 1 of")
        .contains(audit.head().hash())
        .contains("orders-db")
        .contains("50.8%")
        .contains("NEVER_DRILLED");
  }

  @Test
  void htmlIsThePrintablePage() throws Exception {
    HttpResponse<byte[]> response = get(period(), "text/html");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response))
        .contains("<h1>Readiness report</h1>")
        .contains("seq " + audit.head().seq())
        .contains("<svg");
  }

  @Test
  void badParametersAre400sNamingTheParameter() throws Exception {
    assertProblem(period() + "&tier=3", "tier");
    assertProblem("?from=yesterday", "from");
    assertProblem("?from=2026-01-02&to=2026-01-01", "from");
    assertProblem(period() + "&group=no-such-group", "group");
    assertProblem("?to=not-a-time", "to");
  }

  @Test
  void anyRoleMayReadAndAnonymousMayNot() throws Exception {
    assertThat(get(period(), "application/json", "dave").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri(period())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theDrillPolicyAlertsOwnerAndOperatorsOnceAndTheTileShowsIt() throws Exception {
    List<String> first = drills.check();
    List<String> second = drills.check();

    assertThat(first).contains("orders-db", "reports-db");
    assertThat(second).as("once, not every check").isEmpty();
    assertThat(audit.latestByResource("READINESS_ALERT", "system:drill-policy"))
        .containsKeys("orders-db", "reports-db");
    for (String user : List.of("alice", "carol")) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(text(get("/api/v1/notifications", "application/json", user)))
                      .contains("NEVER_DRILLED: orders-db"));
    }
    assertThat(text(get("/api/v1/notifications", "application/json", "bob")))
        .doesNotContain("NEVER_DRILLED: orders-db");
    assertThat(text(get("/", "text/html", "alice")))
        .contains("data-testid=\"tile-drill\"")
        .contains("Never drilled");
  }

  private void assertProblem(String query, String parameter) throws Exception {
    HttpResponse<byte[]> response = get(query, "application/json");
    assertThat(response.statusCode()).as(query + ": " + text(response)).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(text(response)).contains(parameter);
  }

  private String period() {
    return "?from=" + enc(from.toString()) + "&to=" + enc(to.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private URI uri(String query) {
    return URI.create("http://localhost:" + port + "/api/v1/reports/readiness" + query);
  }

  private HttpResponse<byte[]> get(String query, String accept) throws Exception {
    return get(query, accept, "admin");
  }

  private HttpResponse<byte[]> get(String query, String accept, String user) throws Exception {
    String path =
        query.startsWith(".csv")
            ? "/api/v1/reports/readiness" + query
            : query.startsWith("/") ? query : null;
    URI target = path != null ? URI.create("http://localhost:" + port + path) : uri(query);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .header("Accept", accept)
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private void observe(String resource, Instant at, double lagSeconds) {
    jdbc.sql(
            "insert into observation (resource_id, observed_at, ok, lag_seconds, connectivity,"
                + " payload) values (:r, :at, true, :lag, '[]', '{}')")
        .param("r", resource)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("lag", lagSeconds)
        .update();
  }

  private void change(String resource, Instant at, String status, String visibility) {
    jdbc.sql(
            "insert into status_change (resource_id, changed_at, new_status, new_visibility,"
                + " reasons) values (:r, :at, :s, :v, '[]')")
        .param("r", resource)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("s", status)
        .param("v", visibility)
        .update();
  }
}
