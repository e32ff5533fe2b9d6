package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * E-mail through a real SMTP server (GreenMail): a request created over the real HTTP API reaches
 * the approvers' mailboxes as "approval needed" with the execution id and the console link; the
 * requester, who is not an approver, gets none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class NotificationEmailIT {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestStateStore.registerH2(registry, NotifyTestInventory.tempDir());
    registry.add("continuity.demo.password", () -> NotifyTestInventory.PASSWORD);
    registry.add("continuity.inventory", () -> NotifyTestInventory.write().toString());
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("continuity.notify.base-url", () -> "https://dr-console.example.com");
    registry.add("continuity.notify.email.from", () -> "continuity@example.com");
    registry.add("continuity.notify.projector-interval", () -> "200ms");
    registry.add("continuity.notify.dispatcher-interval", () -> "200ms");
  }

  @Test
  void approversAreEmailedThatApprovalIsNeededAndTheRequesterIsNot() throws Exception {
    Response created =
        HttpTestClient.onPort(port)
            .as("alice", NotifyTestInventory.PASSWORD)
            .postJson("/api/v1/executions", NotifyTestInventory.TIER1);
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    String id = created.json().path("id").asString();

    await().atMost(Duration.ofSeconds(30)).until(() -> about(id).size() >= 2);

    List<MimeMessage> mails = about(id);
    assertThat(mails)
        .flatExtracting(NotificationEmailIT::to)
        .containsExactlyInAnyOrder("bob@demo.continuity.invalid", "carol@demo.continuity.invalid");
    for (MimeMessage mail : mails) {
      assertThat(mail.getSubject())
          .startsWith("[Continuity] Approval needed: SWITCHOVER of orders-db");
      assertThat(mail.getFrom())
          .extracting(Address::toString)
          .containsExactly("continuity@example.com");
      assertThat(GreenMailUtil.getBody(mail))
          .contains("alice requested a SWITCHOVER of orders-db")
          .contains("planned DC maintenance")
          .contains("https://dr-console.example.com/executions/" + id);
    }

    HttpTestClient admin = HttpTestClient.onPort(port).as("admin", NotifyTestInventory.PASSWORD);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> statuses(admin, id, "EMAIL").equals(List.of("SENT", "SENT")));
    Response everyone = admin.get("/api/v1/notifications?all=true&executionId=" + id);
    assertThat(everyone.json().path("items").valueStream().map(n -> n.path("recipient").asString()))
        .as("nobody but the approvers is notified, the requester least of all")
        .containsOnly("bob", "carol")
        .hasSize(4);
  }

  private static List<String> statuses(HttpTestClient admin, String id, String channel) {
    Response all = admin.get("/api/v1/notifications?all=true&executionId=" + id);
    assertThat(all.status()).as(all.body()).isEqualTo(HttpStatus.OK);
    return all.json()
        .path("items")
        .valueStream()
        .filter(n -> n.path("channel").asString().equals(channel))
        .map(n -> n.path("status").asString())
        .toList();
  }

  private static List<MimeMessage> about(String executionId) throws MessagingException {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(mail -> subjectOf(mail).contains(executionId))
        .toList();
  }

  private static String subjectOf(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> to(MimeMessage mail) {
    try {
      return Arrays.stream(mail.getAllRecipients()).map(Address::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
