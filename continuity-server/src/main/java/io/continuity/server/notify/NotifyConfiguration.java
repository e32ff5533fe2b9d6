package io.continuity.server.notify;

import io.continuity.server.audit.AuditTrail;
import io.continuity.server.execution.ExecutionRequests;
import io.continuity.server.execution.RecoveryPlans;
import io.continuity.server.security.UserDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires notifications: the projector that follows the audit trail, the dispatcher with its e-mail
 * (when {@code spring.mail.host} is set, so Boot made a {@link JavaMailSender}) and webhook
 * channels, and the background workers that run both ({@code continuity.notify.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfiguration {

  @Bean
  NotificationText notificationText(NotifyProperties properties) {
    return new NotificationText(properties.baseUrl());
  }

  @Bean
  NotificationProjector notificationProjector(
      AuditTrail audit,
      NotificationRepository repository,
      ExecutionRequests requests,
      RecoveryPlans recoveries,
      UserDirectory directory,
      NotificationText text,
      ObjectProvider<JavaMailSender> mail,
      NotifyProperties properties,
      PlatformTransactionManager transactions,
      Clock clock) {
    NotificationPlanner planner =
        new NotificationPlanner(
            requests::find,
            directory,
            text,
            mail.getIfAvailable() != null,
            properties.webhooks(),
            recoveries::notice);
    return new NotificationProjector(
        audit, repository, planner, transactions, clock, properties.batchSize());
  }

  @Bean
  NotificationDispatcher notificationDispatcher(
      NotificationRepository repository,
      NotificationText text,
      ObjectProvider<JavaMailSender> mail,
      NotifyProperties properties,
      Clock clock) {
    List<DeliveryChannel> channels = new ArrayList<>();
    JavaMailSender sender = mail.getIfAvailable();
    if (sender != null) {
      channels.add(new EmailChannel(sender, properties.email().from()));
    }
    channels.add(new WebhookChannel(properties.webhooks(), text, properties.webhookTimeout()));
    return new NotificationDispatcher(
        repository,
        channels,
        new RetryBackoff(
            properties.firstRetryAfter(), properties.maxRetryAfter(), properties.maxAttempts()),
        properties.claimLease(),
        clock,
        properties.batchSize());
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "continuity.notify",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  NotificationWorkers notificationWorkers(
      NotificationProjector projector,
      NotificationDispatcher dispatcher,
      NotifyProperties properties) {
    return new NotificationWorkers(projector, dispatcher, properties);
  }
}
