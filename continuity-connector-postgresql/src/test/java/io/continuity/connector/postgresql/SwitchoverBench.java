package io.continuity.connector.postgresql;

import io.continuity.connector.api.Connector;
import io.continuity.connector.api.OperationType;
import io.continuity.connector.api.StepResult;
import io.continuity.connector.testkit.PlanRunner;
import io.continuity.lab.PostgresBinaries;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import io.continuity.lab.StopMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test (run by {@code scripts/bench-switchover.sh}): on one lab pair, the
 * write-unavailability window of the connector's SWITCHOVER plan (run step by step through the
 * connector API, as the execution engine would) against the bare manual sequence (fast stop of the
 * primary, wait until the standby replayed past the shutdown checkpoint, pg_promote). A writer
 * client inserts continuously on whichever node is primary; the window is the gap between its last
 * write acknowledged before the switchover began and its first one after. Runs alternate between
 * the two methods (which goes first alternates too), and each switches the roles back. Prints the
 * medians as its last line: {@code switchover-window-ms ours=<median> bare=<median>
 * ratio=<ours/bare>}.
 *
 * <p>Arguments: [runs per method, default 5] [warm-up runs per method, default 1].
 */
public final class SwitchoverBench {

  private static final Pattern CHECKPOINT =
      Pattern.compile("Latest checkpoint location:\\s*([0-9A-Fa-f]+/[0-9A-Fa-f]+)");

  private long nextId = 1;

  private SwitchoverBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    PostgresBinaries binaries =
        PostgresBinaries.locate()
            .orElseThrow(() -> new IllegalStateException(PostgresBinaries.INSTALL_HINT));
    try (PostgresPair pair = PostgresPair.start(binaries)) {
      pair.primary().sql("create table acks(id bigint primary key)");
      pair.standby().awaitAnswer("select count(*) from acks", "0", Duration.ofSeconds(20));
      new SwitchoverBench().run(pair, runs, warmUps);
    }
  }

  private void run(PostgresPair pair, int runs, int warmUps) throws Exception {
    List<Long> ours = new ArrayList<>();
    List<Long> bare = new ArrayList<>();
    for (int i = -warmUps; i < runs; i++) {
      boolean counted = i >= 0;
      String label = counted ? "run " + (i + 1) : "warm-up";
      long o;
      long b;
      if (Math.floorMod(i, 2) == 0) {
        o = measure(pair, label, "ours", () -> ours(pair));
        b = measure(pair, label, "bare", () -> bare(pair));
      } else { // alternate which goes first, and so which direction each method switches
        b = measure(pair, label, "bare", () -> bare(pair));
        o = measure(pair, label, "ours", () -> ours(pair));
      }
      if (counted) {
        ours.add(o);
        bare.add(b);
      }
    }
    long oursMedian = median(ours);
    long bareMedian = median(bare);
    System.out.printf("ours (ms): %s%nbare (ms): %s%n", ours, bare);
    System.out.printf(
        Locale.ROOT,
        "switchover-window-ms ours=%d bare=%d ratio=%.2f%n",
        oursMedian,
        bareMedian,
        (double) oursMedian / bareMedian);
  }

  /** One switchover under writes; returns the write-unavailability window in ms. */
  private long measure(PostgresPair pair, String label, String method, Switch action)
      throws Exception {
    PostgresNode from = pair.primary();
    PostgresNode to = pair.peerOf(from);
    Writer writer = new Writer(pair, nextId).start();
    long window;
    try {
      awaitAcks(writer, 200);
      long started = System.nanoTime();
      action.run();
      awaitAcks(writer, writer.acknowledged().size() + 100);
      window = writer.longestGapAfter(started).toMillis();
    } finally {
      writer.close();
      nextId += 10_000_000;
    }
    if (pair.primary() != to) {
      throw new IllegalStateException(method + ": " + to.name() + " did not become primary");
    }
    if (!writer.acknowledged().isEmpty() && !ids(to, writer)) {
      throw new IllegalStateException(method + ": acknowledged writes are missing on " + to);
    }
    pair.awaitStreaming(from, Duration.ofSeconds(30));
    System.out.printf(
        "%-8s %-4s %s -> %s: writes unavailable for %d ms (%d writes, %d failed attempts)%n",
        label,
        method,
        from.name(),
        to.name(),
        window,
        writer.acknowledged().size(),
        writer.failures());
    return window;
  }

  /** The connector's SWITCHOVER plan, every step, through the connector API. */
  private static void ours(PostgresPair pair) throws Exception {
    String target = pair.standby().name();
    try (Connector connector =
        new PostgresConnectorFactory().create(LabConfigs.withAllActions("bench", pair))) {
      Map<String, StepResult> results =
          PlanRunner.run(connector, OperationType.SWITCHOVER, target, Map.of());
      results.forEach(
          (id, r) -> {
            if (!r.succeeded()) {
              throw new IllegalStateException("step " + id + " failed: " + r.output());
            }
          });
    }
  }

  /** The bare sequence a DBA would type, as fast as a program can do it. */
  private static void bare(PostgresPair pair) throws Exception {
    PostgresNode primary = pair.primary();
    PostgresNode standby = pair.peerOf(primary);
    try (Connection c = DriverManager.getConnection(standby.jdbcUrl(), "postgres", "")) {
      pair.stop(primary, StopMode.FAST);
      Matcher m = CHECKPOINT.matcher(primary.controlData());
      if (!m.find()) {
        throw new IllegalStateException("no checkpoint location in pg_controldata output");
      }
      Lsn checkpoint = Lsn.parse(m.group(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        Lsn replay = Lsn.parseNullable(StepSupport.queryText(c, "select pg_last_wal_replay_lsn()"));
        if (replay != null && replay.compareTo(checkpoint) > 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(standby + " never replayed " + checkpoint);
        }
        Thread.sleep(5);
      }
      if (!"true".equals(StepSupport.queryText(c, "select pg_promote(true, 60)::text"))) {
        throw new IllegalStateException("pg_promote did not finish on " + standby);
      }
    }
    pair.rejoin(primary);
  }

  private static boolean ids(PostgresNode node, Writer writer) throws Exception {
    long max = java.util.Collections.max(writer.acknowledged());
    long min = java.util.Collections.min(writer.acknowledged());
    try (Connection c = DriverManager.getConnection(node.jdbcUrl(), "postgres", "")) {
      String present =
          StepSupport.queryText(
              c, "select count(*) from acks where id between " + min + " and " + max);
      return Long.parseLong(present) >= writer.acknowledged().size();
    }
  }

  private static void awaitAcks(Writer writer, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (writer.acknowledged().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the writer reached only "
                + writer.acknowledged().size()
                + " acknowledged writes; last error: "
                + writer.lastError());
      }
      Thread.sleep(10);
    }
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  @FunctionalInterface
  private interface Switch {
    void run() throws Exception;
  }
}
