package io.continuity.connector.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One probe's heartbeat: the primary's task writes (when due) and hands the written value over; the
 * standby's task waits for it and reads until the standby shows that row, for at most a short
 * while. The standby then measures replication delay itself, not the time since the previous
 * probe's write (reading in parallel with the write used to report about one probe interval of lag
 * when replication was instant).
 */
final class HeartbeatRound {

  /** How long the standby waits for this probe's row at most; the rest is an upper bound. */
  static final Duration MAX_WAIT = Duration.ofSeconds(1);

  private static final long POLL_MILLIS = 10;

  private final HeartbeatTable table;
  private final CompletableFuture<Optional<Instant>> written = new CompletableFuture<>();
  private final Duration wait;

  HeartbeatRound(HeartbeatTable table, Duration probeBudget) {
    this.table = table;
    Duration half = probeBudget.dividedBy(2);
    this.wait = half.compareTo(MAX_WAIT) < 0 ? half : MAX_WAIT;
  }

  /** What the standby shows, and how precise the lag taken from it is. */
  record Seen(Instant writtenAt, Instant readAt, boolean thisProbesRow) {}

  /** On the primary: writes when due, and tells the standby's task what to wait for. */
  void onPrimary(Connection c, Instant now) throws SQLException {
    try {
      written.complete(table.due(now) ? Optional.of(table.write(c, now)) : Optional.empty());
    } finally {
      written.complete(Optional.empty());
    }
  }

  /** The site that answered is not the primary, or did not answer: nothing is written this time. */
  void noWrite() {
    written.complete(Optional.empty());
  }

  /** On the standby: the heartbeat it shows, after waiting briefly for this probe's row. */
  Optional<Seen> onStandby(Connection c) throws SQLException {
    Optional<Instant> expected = awaitWrite();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<HeartbeatTable.Reading> shown = table.read(c);
      if (shown.isEmpty()) {
        return Optional.empty();
      }
      Instant writtenAt = shown.get().writtenAt();
      boolean current = expected.isPresent() && !writtenAt.isBefore(expected.get());
      if (current || expected.isEmpty() || System.nanoTime() > deadline) {
        return Optional.of(new Seen(writtenAt, shown.get().readAt(), current));
      }
      pause();
    }
  }

  private Optional<Instant> awaitWrite() {
    try {
      return written.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void pause() throws SQLException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the heartbeat", e);
    }
  }
}
