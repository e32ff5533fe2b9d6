package io.continuity.server.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One runner per execution across every instance sharing the store: takes, renews, checks and
 * releases leases for one instance ({@link #owner()}). Every take increments the fencing token;
 * {@link #fence} is what a step-log write calls first, in its transaction.
 */
public class ExecutionLeases {

  private final ExecutionLeaseRepository repository;
  private final String owner;
  private final Duration duration;
  private final Clock clock;

  ExecutionLeases(
      ExecutionLeaseRepository repository, String owner, Duration duration, Clock clock) {
    this.repository = repository;
    this.owner = owner;
    this.duration = duration;
    this.clock = clock;
  }

  public String owner() {
    return owner;
  }

  public Duration duration() {
    return duration;
  }

  /** Takes the lease when it is free, expired or already ours; empty when another holds it. */
  public Optional<ExecutionLease> acquire(String executionId) {
    Instant now = clock.instant();
    OptionalLong token = repository.acquire(executionId, owner, now, now.plus(duration));
    return token.isPresent()
        ? Optional.of(new ExecutionLease(executionId, owner, token.getAsLong()))
        : Optional.empty();
  }

  /**
   * Reserves the lease of a run being confirmed, in the confirming transaction, so no recovery pass
   * can judge it runner-less between the commit and the runner's start.
   */
  public void reserve(String executionId) {
    repository.insertFirst(executionId, owner, clock.instant().plus(duration));
  }

  /**
   * Checks the lease is still ours with this token and extends it; in a transaction the row stays
   * locked until it ends.
   *
   * @throws LeaseLostException when another instance took it over
   */
  public void fence(ExecutionLease lease) {
    if (!repository.fence(
        lease.executionId(), lease.owner(), lease.token(), clock.instant().plus(duration))) {
      throw new LeaseLostException(lease.executionId(), lease.owner(), lease.token());
    }
  }

  /** Extends the lease; false when it was lost. */
  public boolean renew(ExecutionLease lease) {
    return repository.fence(
        lease.executionId(), lease.owner(), lease.token(), clock.instant().plus(duration));
  }

  /** Lets the lease expire now (the run ended). */
  public void release(ExecutionLease lease) {
    repository.release(lease.executionId(), lease.owner(), lease.token(), clock.instant());
  }

  /**
   * True when nobody holds a live lease on the execution (none, or expired). With {@code ownIsFree}
   * a live lease in this instance's own name counts as free too: at start-up it was left by this
   * instance's previous life (a fixed {@code instance-id}), not by a running runner.
   */
  public boolean isFree(String executionId, boolean ownIsFree) {
    Instant now = clock.instant();
    return repository
        .find(executionId)
        .map(lease -> !lease.expiresAt().isAfter(now) || (ownIsFree && lease.owner().equals(owner)))
        .orElse(true);
  }
}
