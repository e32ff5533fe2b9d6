package io.continuity.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

  private static NotifyProperties withWebhooks(List<NotifyProperties.Webhook> hooks) {
    NotifyProperties d = NotifyProperties.defaults();
    return new NotifyProperties(
        true,
        "https://dr.example.com/",
        d.projectorInterval(),
        d.dispatcherInterval(),
        d.batchSize(),
        d.maxAttempts(),
        d.firstRetryAfter(),
        d.maxRetryAfter(),
        d.claimLease(),
        d.webhookTimeout(),
        d.email(),
        hooks);
  }

  @Test
  void baseUrlLosesItsTrailingSlash() {
    assertThat(withWebhooks(List.of()).baseUrl()).isEqualTo("https://dr.example.com");
  }

  @Test
  void webhookWithoutHttpUrlIsRefusedWithoutEchoingIt() {
    List<NotifyProperties.Webhook> hooks =
        List.of(new NotifyProperties.Webhook("ops", "ftp://secret-token@example.com", null));

    assertThatThrownBy(() -> withWebhooks(hooks))
        .hasMessageContaining("continuity.notify.webhooks[0].url must be an absolute http(s) URL")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void webhookNamesMustBeUnique() {
    NotifyProperties.Webhook ops =
        new NotifyProperties.Webhook("ops", "https://hooks.example.com/a", null);

    assertThatThrownBy(() -> withWebhooks(List.of(ops, ops)))
        .hasMessageContaining("webhooks[1].name 'ops' is used twice");
  }

  @Test
  void webhookEventFilterMustNameANotifyingEvent() {
    NotifyProperties.Webhook hook =
        new NotifyProperties.Webhook("ops", "https://hooks.example.com/a", List.of("STEP_STARTED"));

    assertThatThrownBy(() -> withWebhooks(List.of(hook)))
        .hasMessageContaining("webhooks[0].events names 'STEP_STARTED', which never notifies");
  }

  @Test
  void claimLeaseMustOutlastAWebhookCall() {
    NotifyProperties d = NotifyProperties.defaults();
    assertThatThrownBy(
            () ->
                new NotifyProperties(
                    true,
                    d.baseUrl(),
                    d.projectorInterval(),
                    d.dispatcherInterval(),
                    d.batchSize(),
                    d.maxAttempts(),
                    d.firstRetryAfter(),
                    d.maxRetryAfter(),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    d.email(),
                    List.of()))
        .hasMessageContaining("claim-lease must be at least twice webhook-timeout");
  }
}
