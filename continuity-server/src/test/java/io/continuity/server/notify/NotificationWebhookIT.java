package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.continuity.server.support.HttpTestClient;
import io.continuity.server.support.HttpTestClient.Response;
import io.continuity.server.support.TestStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real local HTTP receiver (the JDK's HttpServer) that answers the first call
 * with 500 and later ones with 200: the call is retried after the back-off and ends SENT after two
 * attempts, keeping why the first failed; the JSON body carries the event; a webhook whose event
 * filter does not name the event gets nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class NotificationWebhookIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> OPS_BODIES = new CopyOnWriteArrayList<>();
  private static final AtomicInteger OPS_CALLS = new AtomicInteger();
  private static final AtomicInteger FAILURES_CALLS = new AtomicInteger();
  private static HttpServer receiver;

  @LocalServerPort int port;

  @BeforeAll
  static void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/ops",
        exchange -> {
          OPS_BODIES.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          answer(exchange, OPS_CALLS.incrementAndGet() == 1 ? 500 : 200);
        });
    receiver.createContext(
        "/failures",
        exchange -> {
          FAILURES_CALLS.incrementAndGet();
          answer(exchange, 200);
        });
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestStateStore.registerH2(registry, NotifyTestInventory.tempDir());
    registry.add("continuity.demo.password", () -> NotifyTestInventory.PASSWORD);
    registry.add("continuity.inventory", () -> NotifyTestInventory.write().toString());
    registry.add("continuity.notify.base-url", () -> "https://dr-console.example.com");
    registry.add("continuity.notify.projector-interval", () -> "200ms");
    registry.add("continuity.notify.dispatcher-interval", () -> "200ms");
    registry.add("continuity.notify.first-retry-after", () -> "300ms");
    registry.add("continuity.notify.webhooks[0].name", () -> "ops");
    registry.add("continuity.notify.webhooks[0].url", () -> receiverUrl("/ops?token=s3cret"));
    registry.add("continuity.notify.webhooks[1].name", () -> "failures");
    registry.add("continuity.notify.webhooks[1].url", () -> receiverUrl("/failures"));
    registry.add("continuity.notify.webhooks[1].events", () -> "EXECUTION_FAILED");
  }

  @Test
  void webhookGetsTheEventAsJsonAndIsRetriedAfterA500() {
    Response created =
        HttpTestClient.onPort(port)
            .as("alice", NotifyTestInventory.PASSWORD)
            .postJson("/api/v1/executions", NotifyTestInventory.TIER1);
    assertThat(created.status()).as(created.body()).isEqualTo(HttpStatus.CREATED);
    String id = created.json().path("id").asString();
    HttpTestClient auditor = HttpTestClient.onPort(port).as("dave", NotifyTestInventory.PASSWORD);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> "SENT".equals(webhookRow(auditor, id, "webhook:ops").path("status").asString()));

    JsonNode row = webhookRow(auditor, id, "webhook:ops");
    assertThat(row.path("attempts").asInt()).isEqualTo(2);
    assertThat(row.path("address").asString()).isEqualTo("ops");
    assertThat(row.path("lastError").asString())
        .isEqualTo("webhook 'ops' answered HTTP 500")
        .doesNotContain("s3cret");
    assertThat(OPS_CALLS.get()).isEqualTo(2);
    assertThat(OPS_BODIES.get(1)).isEqualTo(OPS_BODIES.get(0));

    JsonNode body = JSON.readTree(OPS_BODIES.get(1));
    assertThat(body.path("type").asString()).isEqualTo("REQUEST_CREATED");
    assertThat(body.path("executionId").asString()).isEqualTo(id);
    assertThat(body.path("resourceId").asString()).isEqualTo("orders-db");
    assertThat(body.path("actor").asString()).isEqualTo("alice");
    assertThat(body.path("reason").asString()).isEqualTo("planned DC maintenance");
    assertThat(body.path("auditSeq").asLong())
        .isEqualTo(row.path("auditSeq").asLong())
        .isPositive();
    assertThat(body.path("subject").asString()).contains("Approval needed").contains(id);
    assertThat(body.path("text").asString()).contains("alice requested a SWITCHOVER of orders-db");
    assertThat(body.path("link").asString())
        .isEqualTo("https://dr-console.example.com/executions/" + id);

    assertThat(webhookRow(auditor, id, "webhook:failures").isMissingNode())
        .as("the failures webhook only wants EXECUTION_FAILED")
        .isTrue();
    assertThat(FAILURES_CALLS.get()).isZero();
  }

  private static JsonNode webhookRow(HttpTestClient auditor, String id, String recipient) {
    Response all = auditor.get("/api/v1/notifications?all=true&executionId=" + id);
    assertThat(all.status()).as(all.body()).isEqualTo(HttpStatus.OK);
    return all.json()
        .path("items")
        .valueStream()
        .filter(n -> n.path("recipient").asString().equals(recipient))
        .findFirst()
        .orElse(JSON.missingNode());
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  private static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
