package io.continuity.connector.postgresql;

import io.continuity.lab.PostgresPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client on its own thread and JDBC connection, inserting ids one by one into {@code acks} on
 * whichever node is primary (pgjdbc {@code targetServerType=primary} over both hosts), and
 * recording every id whose commit was acknowledged and when.
 */
final class Writer implements AutoCloseable {

  private final String url;
  private final ConcurrentSkipListSet<Long> acknowledged = new ConcurrentSkipListSet<>();
  private final List<long[]> ackTimes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile int failures;
  private volatile String lastError = "";

  private final long firstId;

  /** Writes ids from {@code firstId} on, one at a time. */
  Writer(PostgresPair pair, long firstId) {
    this.firstId = firstId;
    this.url =
        "jdbc:postgresql://"
            + pair.nodes().stream()
                .map(n -> n.host() + ":" + n.port())
                .reduce((a, b) -> a + "," + b)
                .orElseThrow()
            + "/postgres?targetServerType=primary";
    this.thread = new Thread(this::loop, "writer");
  }

  Writer start() {
    thread.start();
    return this;
  }

  private void loop() {
    long next = firstId;
    Connection c = null;
    while (running.get()) {
      try {
        if (c == null) {
          c = connect();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into acks(id) values (?)")) {
          insert.setLong(1, next);
          insert.executeUpdate();
        }
        acknowledged.add(next);
        ackTimes.add(new long[] {next, System.nanoTime()});
      } catch (SQLException e) {
        failures++;
        lastError = e.getMessage();
        close(c);
        c = null;
        sleep(20);
      }
      next++;
    }
    close(c);
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "1");
    props.setProperty("loginTimeout", "2");
    props.setProperty("socketTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  /** The longest time between two acknowledged writes: how long writes were unavailable. */
  Duration longestGap() {
    long longest = 0;
    for (int i = 1; i < ackTimes.size(); i++) {
      longest = Math.max(longest, ackTimes.get(i)[1] - ackTimes.get(i - 1)[1]);
    }
    return Duration.ofNanos(longest);
  }

  /**
   * The longest time between two consecutive acknowledged writes where the second came after {@code
   * startNanos} ({@link System#nanoTime()}): from the last write acknowledged before an operation
   * began to the first one after it, if that is the longest.
   */
  Duration longestGapAfter(long startNanos) {
    long longest = 0;
    for (int i = 1; i < ackTimes.size(); i++) {
      if (ackTimes.get(i)[1] > startNanos) {
        longest = Math.max(longest, ackTimes.get(i)[1] - ackTimes.get(i - 1)[1]);
      }
    }
    return Duration.ofNanos(longest);
  }

  java.util.Set<Long> acknowledged() {
    return acknowledged;
  }

  String lastError() {
    return lastError;
  }

  int failures() {
    return failures;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // already broken
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
