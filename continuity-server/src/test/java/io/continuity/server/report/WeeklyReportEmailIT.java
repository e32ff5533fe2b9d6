package io.continuity.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.continuity.server.audit.AuditRecord;
import io.continuity.server.support.TestStateStore;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The weekly readiness report reaches the configured addresses through the notification channels
 * and a real SMTP server (GreenMail), with the per-resource summary and the console link.
 */
@SpringBootTest(properties = "continuity.monitoring.enabled=false")
@ActiveProfiles("demo")
class WeeklyReportEmailIT {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @Autowired WeeklyReadinessReport weekly;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("continuity-weekly-report");
    TestStateStore.registerH2(registry, dir);
    registry.add("continuity.demo.password", () -> "weekly-report-password");
    Path inventory =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            """
            resources:
              - id: orders-db
                name: Orders
                platform: simulated
                tier: 1
                environment: test
                owner: dba@example.com
                sites: { primary: site-a, dr: site-b }
                rpo: { target: 5m }
                connector:
                  settings: { scenario: steady }
            """);
    registry.add("continuity.inventory", inventory::toString);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("continuity.notify.base-url", () -> "https://dr-console.example.com");
    registry.add("continuity.notify.projector-interval", () -> "200ms");
    registry.add("continuity.notify.dispatcher-interval", () -> "200ms");
    registry.add(
        "continuity.readiness.weekly-report.recipients",
        () -> "dr-coordinator@example.com,auditor@example.com");
  }

  @Test
  void theConfiguredRecipientsAreEmailedTheSummaryAndTheLink() throws Exception {
    AuditRecord sent = weekly.send().orElseThrow();

    await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length >= 2);

    List<MimeMessage> mails = Arrays.asList(SMTP.getReceivedMessages());
    assertThat(mails)
        .flatExtracting(m -> Arrays.stream(m.getAllRecipients()).map(Address::toString).toList())
        .containsExactlyInAnyOrder("dr-coordinator@example.com", "auditor@example.com");
    for (MimeMessage mail : mails) {
      assertThat(mail.getSubject())
          .startsWith("[Continuity] Weekly readiness report " + sent.details().get("from"))
          .contains("1 open findings");
      assertThat(GreenMailUtil.getBody(mail))
          .contains("orders-db (tier 1): green 0.0%, within RPO 0.0%, unknown 100.0%")
          .contains("findings NEVER_DRILLED")
          .contains("https://dr-console.example.com/reports?from=");
    }
  }
}
