package io.continuity.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 *
 * <p>An instance that does not hold the lease remembers when the holder's lease runs out and tries
 * again just after that moment ({@link #nextTickIn()}), so it takes over within a few tens of
 * milliseconds of the lapse rather than up to a third of the lease later. When it takes the lease
 * over it keeps who held it and until when ({@link #takenFrom()}).
 */
final class ProbeLeadership implements StoreWriter.Fence {

  private static final Logger log = LoggerFactory.getLogger(ProbeLeadership.class);
  static final String LEASE = "prober";

  /** How long after the holder's expiry a follower tries to take the lease. */
  static final Duration AFTER_LAPSE = Duration.ofMillis(50);

  /** The shortest wait between two attempts to take the lease. */
  static final Duration MIN_WAIT = Duration.ofMillis(20);

  private final MonitoringLeaseRepository repository;
  private final String owner;
  private final Duration duration;
  private final Clock clock;
  private volatile long token;
  private volatile Instant heldUntil = Instant.MIN;
  private volatile MonitoringLeaseRepository.Lease other;
  private volatile Optional<MonitoringLeaseRepository.Lease> takenFrom = Optional.empty();

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

  /**
   * Whether this instance holds the prober lease: as of the last {@link #tick()}, and only until
   * the lease it took or renewed then runs out by this instance's clock. So an instance thawed
   * after a freeze longer than the lease (SIGSTOP, a long GC pause) knows it no longer leads before
   * its next tick has asked the store.
   */
  boolean leads() {
    return token > 0 && clock.instant().isBefore(heldUntil);
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
    Optional<MonitoringLeaseRepository.Lease> before = Optional.empty();
    try {
      if (held > 0) {
        next = repository.renew(LEASE, owner, held, now.plus(duration)) ? held : 0;
      } else {
        before = repository.find(LEASE);
        next = repository.acquire(LEASE, owner, now, now.plus(duration)).orElse(0);
      }
    } catch (RuntimeException e) {
      log.warn("the prober lease could not be taken or renewed: {}", e.toString());
      next = 0;
    }
    other = next > 0 ? null : before.filter(lease -> !lease.owner().equals(owner)).orElse(null);
    if (held == 0 && next > 0) {
      takenFrom = before;
    }
    if (next > 0) {
      heldUntil = now.plus(duration);
    }
    token = next;
    if (held == 0 && next > 0) {
      log.info("{} now probes (prober lease, fencing token {})", owner, next);
    } else if (held > 0 && next == 0) {
      log.warn("{} lost the prober lease (fencing token {}): it stops probing", owner, held);
    }
    return next > 0;
  }

  /**
   * How long to wait before the next {@link #tick()}: a third of the lease while this instance
   * holds it (renewal); otherwise until just after the holder's lease runs out, at most a third of
   * the lease (the holder renews meanwhile, and then the wait starts again).
   */
  Duration nextTickIn() {
    Duration renewal = duration.dividedBy(3);
    MonitoringLeaseRepository.Lease holder = other;
    if (token > 0 || holder == null) {
      return renewal;
    }
    Duration untilLapse = Duration.between(clock.instant(), holder.expiresAt()).plus(AFTER_LAPSE);
    if (untilLapse.compareTo(MIN_WAIT) < 0) {
      return MIN_WAIT;
    }
    return untilLapse.compareTo(renewal) < 0 ? untilLapse : renewal;
  }

  /** The other instance's lease as this one last saw it (while it does not probe); else empty. */
  Optional<MonitoringLeaseRepository.Lease> heldByOther() {
    return Optional.ofNullable(other);
  }

  /**
   * The lease as it was just before this instance took it the last time (who held it and until
   * when); empty when there was none, or this instance never took it.
   */
  Optional<MonitoringLeaseRepository.Lease> takenFrom() {
    return takenFrom;
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
