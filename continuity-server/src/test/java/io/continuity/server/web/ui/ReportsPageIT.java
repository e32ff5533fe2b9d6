package io.continuity.server.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The readiness report page in Chromium under the console's CSP, as a viewer: the compliance bars,
 * the lag chart (uPlot), the findings, and the CSV and PDF downloads read back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "continuity.monitoring.enabled=false",
      "continuity.monitoring.staleness-threshold=60s"
    })
@ActiveProfiles("demo")
class ReportsPageIT {

  static final String PASSWORD = "it-reports-password";
  static final String INVENTORY =
      """
      resources:
        - id: ledger-db
          name: Ledger
          platform: simulated
          tier: 1
          environment: test
          owner: dba@example.com
          sites: { primary: site-a, dr: site-b }
          rpo: { target: 5m }
          connector:
            settings: { scenario: steady }
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  static ConsoleBrowser browser;
  static final CspWatch watch = new CspWatch();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-reports-it");
    TestStateStore.registerH2(registry, dir);
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), INVENTORY);
    registry.add("continuity.inventory", inventory::toString);
    registry.add("continuity.demo.password", () -> PASSWORD);
  }

  @BeforeAll
  static void assumeChromium() {
    ConsoleBrowser.assumeChromium();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void aViewerSeesBarsChartAndFindingsAndDownloadsCsvAndPdf() throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    jdbc.sql(
            "insert into status_change (resource_id, changed_at, new_status, new_visibility,"
                + " reasons) values ('ledger-db', :at, 'GREEN', 'OK', '[]')")
        .param("at", OffsetDateTime.ofInstant(start.minusSeconds(60), ZoneOffset.UTC))
        .update();
    for (int k = 0; k < 120; k++) {
      jdbc.sql(
              "insert into observation (resource_id, observed_at, ok, lag_seconds, connectivity,"
                  + " payload) values ('ledger-db', :at, true, :lag, '[]', '{}')")
          .param("at", OffsetDateTime.ofInstant(start.plusSeconds(30L * k), ZoneOffset.UTC))
          .param("lag", 1.0 + k % 7)
          .update();
    }
    browser = ConsoleBrowser.start("http://localhost:" + port);
    browser.onEveryContext(watch::attach);
    Page dave = browser.loggedIn("dave", PASSWORD);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    dave.navigate("/reports?from=" + today.minusDays(1) + "&to=" + today);

    assertThat(dave.locator("[data-testid=report-period]")).containsText("Audit head: seq");
    assertThat(dave.locator("[data-testid=compliance-ledger-db] svg rect").first()).isVisible();
    assertThat(dave.locator("#report-lag-chart canvas").first()).isVisible();
    assertThat(dave.locator("[data-testid=findings]")).containsText("NEVER_DRILLED");

    Download csv = dave.waitForDownload(() -> dave.locator("[data-testid=download-csv]").click());
    String text = Files.readString(csv.path(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("resource,name,tier").contains("ledger-db,Ledger,1");

    Download pdf = dave.waitForDownload(() -> dave.locator("[data-testid=download-pdf]").click());
    byte[] bytes = Files.readAllBytes(pdf.path());
    try (PDDocument document = Loader.loadPDF(bytes)) {
      assertThat(new PDFTextStripper().getText(document))
          .contains("Readiness report")
          .contains("ledger-db")
          .contains("Page 1 of");
    }
    ConsoleBrowser.screenshot(dave, "readiness-report");

    assertThat(watch.violations()).as("CSP violations").isEmpty();
    assertThat(watch.pageErrors()).as("script errors").isEmpty();
  }
}
