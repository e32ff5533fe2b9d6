package io.continuity.server.support;

import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The external client of a crash test: inserts a new id every ~10 ms into whichever node of the
 * pair takes writes, and remembers each id whose commit was acknowledged. What it acknowledged must
 * be on the primary at the end, whatever happened to the control plane in between.
 */
public final class PairWriter implements AutoCloseable {

  private static final String TABLE = "crash_acks";

  private final PostgresPair pair;
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private long next;

  private PairWriter(PostgresPair pair, long firstId) {
    this.pair = pair;
    this.next = firstId;
    this.thread = new Thread(this::loop, "pair-writer");
    this.thread.setDaemon(true);
  }

  /** Creates the table on the current primary (once) and starts writing from {@code firstId}. */
  public static PairWriter start(PostgresPair pair, long firstId) {
    pair.primary().sql("create table if not exists " + TABLE + " (id bigint primary key)");
    PairWriter writer = new PairWriter(pair, firstId);
    writer.thread.start();
    return writer;
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until {@code more} further writes were acknowledged (writes resumed after a switch). */
  public void awaitMore(int more, Duration patience) throws InterruptedException {
    int target = acknowledged.size() + more;
    long deadline = System.nanoTime() + patience.toNanos();
    while (acknowledged.size() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the pair took no writes for " + patience + " (" + acknowledged.size() + " acks)");
      }
      Thread.sleep(20);
    }
  }

  /** The ids acknowledged so far that are missing from {@code node}'s table. */
  public Set<Long> missingOn(PostgresNode node) throws SQLException {
    Set<Long> missing = new HashSet<>(acknowledged);
    Set<Long> present = new HashSet<>();
    try (Connection c = DriverManager.getConnection(node.jdbcUrl(), PostgresNode.SUPERUSER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from " + TABLE)) {
      while (rs.next()) {
        present.add(rs.getLong(1));
      }
    }
    missing.removeAll(present);
    return missing;
  }

  private void loop() {
    Connection c = null;
    while (running.get()) {
      try {
        if (c == null) {
          c = connectToPrimary();
        }
        if (c != null) {
          try (PreparedStatement insert =
              c.prepareStatement("insert into " + TABLE + " values (?)")) {
            insert.setLong(1, next);
            insert.executeUpdate();
            acknowledged.add(next);
          }
          next++;
        }
      } catch (SQLException e) {
        close(c);
        c = null;
        next++;
      }
      pause();
    }
    close(c);
  }

  private Connection connectToPrimary() {
    for (PostgresNode node : pair.nodes()) {
      try {
        Connection c =
            DriverManager.getConnection(
                node.jdbcUrl() + "?connectTimeout=1&socketTimeout=2", PostgresNode.SUPERUSER, "");
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "select not pg_is_in_recovery() and"
                        + " current_setting('default_transaction_read_only') = 'off'")) {
          if (rs.next() && rs.getBoolean(1)) {
            return c;
          }
        }
        c.close();
      } catch (SQLException e) {
        // that node does not take writes now
      }
    }
    return null;
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

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
