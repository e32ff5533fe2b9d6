package io.continuity.server.notify;

import static io.continuity.server.notify.NotifyFixtures.DIRECTORY;
import static io.continuity.server.notify.NotifyFixtures.EXECUTION;
import static io.continuity.server.notify.NotifyFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.continuity.server.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {

  private static final AuditRecord CREATED =
      event(
          42,
          "REQUEST_CREATED",
          "alice",
          Map.of("state", "PENDING_APPROVAL", "operation", "SWITCHOVER"));
  private static final NotificationText TEXT = new NotificationText("https://dr.example.com");

  private static NotificationPlanner planner(
      boolean email, List<NotifyProperties.Webhook> webhooks) {
    return new NotificationPlanner(id -> Optional.empty(), DIRECTORY, TEXT, email, webhooks);
  }

  @Test
  void everyRecipientGetsAnInboxEntryAndAnEmailWhenSmtpIsConfigured() {
    List<PlannedNotification> rows = planner(true, List.of()).plan(CREATED);

    assertThat(rows)
        .extracting(
            PlannedNotification::recipient,
            PlannedNotification::channel,
            PlannedNotification::address)
        .containsExactly(
            tuple("bob", Channel.INBOX, null),
            tuple("bob", Channel.EMAIL, "bob@example.com"),
            tuple("carol", Channel.INBOX, null),
            tuple("carol", Channel.EMAIL, "carol@example.com"));
    assertThat(rows)
        .extracting(PlannedNotification::initialStatus)
        .containsExactly(
            DeliveryStatus.DELIVERED,
            DeliveryStatus.PENDING,
            DeliveryStatus.DELIVERED,
            DeliveryStatus.PENDING);
  }

  @Test
  void withoutSmtpOnlyTheInboxIsUsed() {
    assertThat(planner(false, List.of()).plan(CREATED))
        .extracting(PlannedNotification::channel)
        .containsOnly(Channel.INBOX);
  }

  @Test
  void eachWebhookThatWantsTheEventGetsOneRowByName() {
    List<NotifyProperties.Webhook> hooks =
        List.of(
            new NotifyProperties.Webhook("ops", "https://hooks.example.com/t0ken", null),
            new NotifyProperties.Webhook(
                "failures", "https://hooks.example.com/f", List.of("execution_failed")));

    List<PlannedNotification> webhookRows =
        planner(false, hooks).plan(CREATED).stream()
            .filter(row -> row.channel() == Channel.WEBHOOK)
            .toList();

    assertThat(webhookRows)
        .extracting(PlannedNotification::recipient, PlannedNotification::address)
        .containsExactly(tuple("webhook:ops", "ops"));
    assertThat(webhookRows.get(0).body()).doesNotContain("t0ken");
  }

  @Test
  void eventThatNotifiesNobodyPlansNothingNotEvenWebhooks() {
    List<NotifyProperties.Webhook> hooks =
        List.of(new NotifyProperties.Webhook("ops", "https://hooks.example.com/x", null));
    AuditRecord granted = event("APPROVAL_GRANTED", "bob", Map.of());

    assertThat(planner(true, hooks).plan(granted)).isEmpty();
  }

  @Test
  void textSaysWhatHappenedToWhichExecutionWhoWhyAndWhereToLook() {
    PlannedNotification row = planner(false, List.of()).plan(CREATED).get(0);

    assertThat(row.subject())
        .startsWith("[Continuity] Approval needed: SWITCHOVER of orders-db")
        .contains(EXECUTION);
    assertThat(row.body())
        .contains("alice requested a SWITCHOVER of orders-db")
        .contains("Execution: " + EXECUTION)
        .contains("Resource: orders-db")
        .contains("Why: planned DC maintenance")
        .contains("Change ticket: CHG0012345")
        .contains("Audit event: #42 REQUEST_CREATED")
        .contains("Open: https://dr.example.com/executions/" + EXECUTION);
  }

  @Test
  void overrideTextNamesTheCheckAndWhatItSaw() {
    AuditRecord overridden =
        event(
            "PRECHECK_OVERRIDDEN",
            "carol",
            Map.of("check", "orders-db/replication-lag", "detail", "lag 120 s over 60 s"));

    String subject = TEXT.subject(overridden, Optional.of(NotifyFixtures.request("bob")));
    String body = TEXT.body(overridden, Optional.of(NotifyFixtures.request("bob")));

    assertThat(subject).contains("Precheck orders-db/replication-lag overridden");
    assertThat(body)
        .contains("carol overrode the failed precheck orders-db/replication-lag")
        .contains("The check saw: lag 120 s over 60 s")
        .contains("Requested by: alice");
  }
}
