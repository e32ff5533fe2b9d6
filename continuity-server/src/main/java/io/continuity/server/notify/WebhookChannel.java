package io.continuity.server.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs a notification as JSON to its webhook: {@code type, executionId, resourceId, actor, reason,
 * auditSeq, subject, text, link}. A 2xx answer is success. The URL comes from configuration at send
 * time (the store holds only the webhook's name) and never appears in an error. The HTTP client is
 * made at the first call: building one sets up the JDK's default TLS context and a selector thread,
 * which a server with no webhook, or none due yet, should not pay for at start.
 */
final class WebhookChannel implements DeliveryChannel {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> urls = new LinkedHashMap<>();
  private final NotificationText text;
  private final Duration timeout;
  private HttpClient http;

  WebhookChannel(List<NotifyProperties.Webhook> webhooks, NotificationText text, Duration timeout) {
    webhooks.forEach(hook -> urls.put(hook.name(), hook.url()));
    this.text = text;
    this.timeout = timeout;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public void send(Notification notification) throws DeliveryFailure {
    String name = notification.address();
    String url = urls.get(name);
    if (url == null) {
      throw new DeliveryFailure(
          "webhook '" + name + "' is no longer configured (continuity.notify.webhooks)");
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Continuity-Notify")
            .POST(
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload(notification))))
            .build();
    HttpResponse<Void> response;
    try {
      response = http().send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DeliveryFailure(
          "webhook '"
              + name
              + "' could not be reached: "
              + e.getClass().getSimpleName()
              + Optional.ofNullable(e.getMessage())
                  .map(m -> " " + DeliveryFailure.safe(m, url))
                  .orElse(""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("webhook '" + name + "' call interrupted (server stopping)");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new DeliveryFailure("webhook '" + name + "' answered HTTP " + status);
    }
  }

  /** The JSON body of the call. */
  Map<String, Object> payload(Notification n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", n.eventType());
    body.put("executionId", n.executionId());
    body.put("resourceId", n.resourceId());
    body.put("actor", n.actor());
    body.put("reason", n.reason());
    body.put("auditSeq", n.auditSeq());
    body.put("subject", n.subject());
    body.put("text", n.body());
    body.put("link", text.link(n.executionId(), n.resourceId()).orElse(null));
    return body;
  }
}
