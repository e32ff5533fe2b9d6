package io.continuity.server.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending e-mails and webhook calls. Each notification is claimed first with a conditional
 * UPDATE (a lease under a random token), so two instances never send it at the same time; then it
 * is sent outside any transaction and marked SENT, or tried again later with exponential back-off,
 * or FAILED after the last attempt, keeping why in {@code last_error}. Delivery is at least once:
 * an instance that dies between sending and marking leaves the row to be sent again after the
 * lease.
 */
final class NotificationDispatcher {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final NotificationRepository repository;
  private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
  private final RetryBackoff backoff;
  private final Duration claimLease;
  private final Clock clock;
  private final int batchSize;

  NotificationDispatcher(
      NotificationRepository repository,
      List<DeliveryChannel> channels,
      RetryBackoff backoff,
      Duration claimLease,
      Clock clock,
      int batchSize) {
    this.repository = repository;
    channels.forEach(channel -> this.channels.put(channel.channel(), channel));
    this.backoff = backoff;
    this.claimLease = claimLease;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /**
   * Sends the notifications due now.
   *
   * @return how many this call attempted
   */
  int dispatchDue() {
    int attempted = 0;
    for (long id : repository.due(clock.instant(), batchSize)) {
      String token = UUID.randomUUID().toString();
      Instant now = clock.instant();
      Optional<Notification> claimed = repository.claim(id, token, now, now.plus(claimLease));
      if (claimed.isPresent()) {
        deliver(claimed.get(), token);
        attempted++;
      }
    }
    return attempted;
  }

  private void deliver(Notification n, String token) {
    String error;
    try {
      DeliveryChannel channel = channels.get(n.channel());
      if (channel == null) {
        throw new DeliveryFailure(
            n.channel() == Channel.EMAIL
                ? "e-mail is not configured on this server (spring.mail.host)"
                : "no sender for channel " + n.channel());
      }
      channel.send(n);
      if (!repository.markSent(n.id(), token, clock.instant())) {
        log.warn("Notification {} was sent, but its claim had run out meanwhile", n.id());
      }
      return;
    } catch (DeliveryFailure failure) {
      error = failure.getMessage();
    } catch (RuntimeException unexpected) {
      log.error("Sending notification {} failed unexpectedly", n.id(), unexpected);
      error = "unexpected " + unexpected.getClass().getSimpleName() + " (see the server log)";
    }
    int attempts = n.attempts() + 1;
    Duration wait = backoff.after(attempts);
    Instant next = wait == null ? null : clock.instant().plus(wait);
    repository.markFailedAttempt(n.id(), token, error, next);
    if (next == null) {
      log.warn(
          "Notification {} ({} to {}) FAILED after {} attempt(s): {}",
          n.id(),
          n.channel(),
          n.recipient(),
          attempts,
          error);
    } else {
      log.info(
          "Notification {} ({} to {}) attempt {} failed, next at {}: {}",
          n.id(),
          n.channel(),
          n.recipient(),
          attempts,
          next,
          error);
    }
  }
}
