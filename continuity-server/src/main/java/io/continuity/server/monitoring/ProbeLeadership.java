package io.continuity.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance probes, among every instance sharing the store: this instance's hold on the prober
 * lease ({@code monitoring_lease}). {@link #tick()} takes the lease when it is free or expired and
 * renews it while held; the engine calls it every third of the lease duration. A renewal that fails
 * (another instance took the lease, or the store did not answer) ends the leadership at once. Every
 * batch of monitoring writes first checks the lease ({@link #holds()}), so an instance that lost it
 * writes nothing more.
 */
final class ProbeLeadership implements StoreWriter.Fence {

  private static final Logger log = LoggerFactory.getLogger(ProbeLeadership.class);
  static final String LEASE = "prober";

  private final MonitoringLeaseRepository repository;
  private final String owner;
  private final Duration duration;
  private final Clock clock;
  private volatile long token;

  ProbeLeadership(
      MonitoringLeaseRepository repository, String owner, Duration duration, Clock clock) {
    this.repository = repository;
    this.owner = owner;
    this.duration = duration;
    this.clock = clock;
  }

  /** This instance's name in the lease and in the observations it writes. */
  String owner() {
    return owner;
  }

  Duration duration() {
    return duration;
  }

  /** Whether this instance holds the prober lease (as of the last {@link #tick()}). */
  boolean leads() {
    return token > 0;
  }

  /** The fencing token of this instance's lease; empty when it does not lead. */
  OptionalLong token() {
    long current = token;
    return current > 0 ? OptionalLong.of(current) : OptionalLong.empty();
  }

  /** Takes or renews the lease; returns whether this instance leads now. */
  synchronized boolean tick() {
    Instant now = clock.instant();
    long held = token;
    long next;
    try {
      if (held > 0) {
        next = repository.renew(LEASE, owner, held, now.plus(duration)) ? held : 0;
      } else {
        next = repository.acquire(LEASE, owner, now, now.plus(duration)).orElse(0);
      }
    } catch (RuntimeException e) {
      log.warn("the prober lease could not be taken or renewed: {}", e.toString());
      next = 0;
    }
    token = next;
    if (held == 0 && next > 0) {
      log.info("{} now probes (prober lease, fencing token {})", owner, next);
    } else if (held > 0 && next == 0) {
      log.warn("{} lost the prober lease (fencing token {}): it stops probing", owner, held);
    }
    return next > 0;
  }

  /** Gives the lease up now (a clean shutdown), so another instance takes over at once. */
  synchronized void release() {
    long held = token;
    token = 0;
    if (held > 0) {
      try {
        repository.renew(LEASE, owner, held, clock.instant());
      } catch (RuntimeException e) {
        log.warn("the prober lease could not be released: {}", e.toString());
      }
    }
  }

  /** In a write transaction: true when this instance still holds the lease (the row is locked). */
  @Override
  public boolean holds() {
    long current = token;
    return current > 0 && repository.holds(LEASE, owner, current, clock.instant());
  }
}
