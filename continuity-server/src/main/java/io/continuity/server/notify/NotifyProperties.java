package io.continuity.server.notify;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications ({@code continuity.notify.*}); see docs/operations.md.
 *
 * @param enabled whether this instance projects and sends notifications at all
 * @param baseUrl where people reach the console; links are {@code <baseUrl>/executions/<id>}
 * @param projectorInterval how often new audit events are turned into notifications
 * @param dispatcherInterval how often pending e-mails and webhooks are sent
 * @param batchSize audit events per projection, and notifications per dispatch
 * @param maxAttempts attempts of one e-mail or webhook call before it is FAILED
 * @param firstRetryAfter wait after the first failure; doubles with every further failure
 * @param maxRetryAfter the longest wait between two attempts
 * @param claimLease how long a dispatcher owns a claimed notification (longer than a send takes)
 * @param webhookTimeout connect and response timeout of a webhook call
 * @param email the sender address; e-mail goes out only when {@code spring.mail.host} is set
 * @param webhooks where every notified event is POSTed as JSON
 */
@ConfigurationProperties("continuity.notify")
public record NotifyProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue("1s") Duration projectorInterval,
    @DefaultValue("1s") Duration dispatcherInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("6") int maxAttempts,
    @DefaultValue("30s") Duration firstRetryAfter,
    @DefaultValue("15m") Duration maxRetryAfter,
    @DefaultValue("2m") Duration claimLease,
    @DefaultValue("10s") Duration webhookTimeout,
    @DefaultValue Email email,
    List<Webhook> webhooks) {

  private static final String PREFIX = "continuity.notify.";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public NotifyProperties {
    baseUrl = httpUrl(PREFIX + "base-url", baseUrl).replaceAll("/+$", "");
    positive("projector-interval", projectorInterval);
    positive("dispatcher-interval", dispatcherInterval);
    positive("first-retry-after", firstRetryAfter);
    positive("max-retry-after", maxRetryAfter);
    positive("claim-lease", claimLease);
    positive("webhook-timeout", webhookTimeout);
    if (batchSize < 1 || batchSize > 500) {
      throw new IllegalArgumentException(PREFIX + "batch-size must be between 1 and 500");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(PREFIX + "max-attempts must be at least 1");
    }
    if (claimLease.compareTo(webhookTimeout.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          PREFIX + "claim-lease must be at least twice webhook-timeout, so a send ends in it");
    }
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) {
      Webhook hook = webhooks.get(i);
      String at = PREFIX + "webhooks[" + i + "]";
      if (hook.name() == null || !NAME.matcher(hook.name()).matches()) {
        throw new IllegalArgumentException(
            at + ".name is required: letters, digits, '.', '_' or '-' (at most 100)");
      }
      if (!names.add(hook.name())) {
        throw new IllegalArgumentException(
            at + ".name '" + hook.name() + "' is used twice; give each webhook its own name");
      }
      httpUrl(at + ".url", hook.url());
      for (String event : hook.events()) {
        if (!NotifiedEvents.TYPES.contains(event)) {
          throw new IllegalArgumentException(
              at
                  + ".events names '"
                  + event
                  + "', which never notifies; use some of "
                  + NotifiedEvents.TYPES.stream().sorted().toList());
        }
      }
    }
  }

  /** Defaults everywhere, no webhooks. */
  public static NotifyProperties defaults() {
    return new NotifyProperties(
        true,
        "http://localhost:8080",
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        100,
        6,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        new Email("continuity@localhost"),
        List.of());
  }

  /** The e-mail sender ({@code From:}). */
  public record Email(@DefaultValue("continuity@localhost") String from) {}

  /**
   * One webhook: a name (its recipient is {@code webhook:<name>}), the URL (kept out of the store,
   * the API and the logs, as it often holds a token) and, optionally, which event types it gets.
   */
  public record Webhook(String name, String url, List<String> events) {

    public Webhook {
      events =
          events == null
              ? List.of()
              : events.stream().map(e -> e.strip().toUpperCase(Locale.ROOT)).toList();
    }

    /** True when the webhook wants events of this type (no filter means every type). */
    public boolean wants(String type) {
      return events.isEmpty() || events.contains(type);
    }
  }

  private static String httpUrl(String property, String value) {
    String problem = property + " must be an absolute http(s) URL";
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
    try {
      URI uri = URI.create(value.strip());
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(problem);
      }
    } catch (IllegalArgumentException e) {
      // The value itself is not echoed: a webhook URL may hold a token.
      throw new IllegalArgumentException(problem);
    }
    return value.strip();
  }

  private static void positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(PREFIX + property + " must be a positive duration");
    }
  }
}
