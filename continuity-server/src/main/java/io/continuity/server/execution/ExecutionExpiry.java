package io.continuity.server.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ends requests whose window has closed, every {@code continuity.approval.expiry-check-interval}
 * (default one minute): PENDING_APPROVAL past its approval window becomes REJECTED, APPROVED or
 * READY_TO_START past its start window becomes CANCELLED, each with a {@code REQUEST_EXPIRED} audit
 * event by {@code system:approval-expiry}. Time comes from the application's {@code Clock}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExecutionExpiry {

  private static final Logger log = LoggerFactory.getLogger(ExecutionExpiry.class);

  private final ExecutionRequests requests;

  ExecutionExpiry(ExecutionRequests requests) {
    this.requests = requests;
  }

  @Scheduled(
      fixedDelayString = "${continuity.approval.expiry-check-interval:PT1M}",
      initialDelayString = "${continuity.approval.expiry-check-interval:PT1M}")
  void expireDue() {
    try {
      int expired = requests.expireDue();
      if (expired > 0) {
        log.info("{} execution request(s) expired", expired);
      }
    } catch (RuntimeException e) {
      log.error("Expiring execution requests failed; will try again at the next interval", e);
    }
  }
}
