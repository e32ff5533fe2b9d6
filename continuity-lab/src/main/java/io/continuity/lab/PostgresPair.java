package io.continuity.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL primary and streaming standby on loopback ports in a temporary directory, made
 * from this machine's server binaries: {@code initdb} for the primary, {@code pg_basebackup -R}
 * with a physical replication slot for the standby. Settings favour speed over durability ({@code
 * fsync=off}, {@code synchronous_commit=off}): a lab, never a store of anything that matters.
 *
 * <p>Close it (try-with-resources, or an {@code @AfterAll}); a JVM shutdown hook tears it down as
 * the last resort. Node names are fixed at creation; which node is primary is whatever the servers
 * say ({@link #primary()}), so switchovers and failovers done by others are followed.
 */
public final class PostgresPair implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path labDir;
  private final ProcessRunner runner;
  private final PostgresBinaries binaries;
  private final PostgresNode first;
  private final PostgresNode second;
  private final HostActionScripts hostActions;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private PostgresPair(PostgresBinaries binaries, Path labDir, String firstName, String second) {
    this.binaries = binaries;
    this.labDir = labDir;
    this.runner = new ProcessRunner(labDir);
    this.first = new PostgresNode(firstName, freePort(), labDir, binaries, runner);
    this.second = new PostgresNode(second, freePort(), labDir, binaries, runner);
    this.hostActions = new HostActionScripts(binaries, labDir, runner);
    this.shutdownHook = new Thread(this::tearDown, "continuity-lab-teardown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a pair named {@code east} (primary) and {@code west} (standby). */
  public static PostgresPair start(PostgresBinaries binaries) {
    return start(binaries, "east", "west");
  }

  /**
   * Starts a pair: {@code primaryName} from initdb, {@code standbyName} from a base backup of it,
   * streaming through the slot {@code continuity_<standbyName>}; returns once the standby streams.
   */
  public static PostgresPair start(
      PostgresBinaries binaries, String primaryName, String standbyName) {
    return start(binaries, primaryName, standbyName, null);
  }

  /**
   * The same as {@link #start(PostgresBinaries, String, String)} with the lab directory created in
   * {@code parent} (null: the system's temp directory). Keep the path short: the servers' Unix
   * sockets live there, and a socket path may have at most 107 characters.
   */
  public static PostgresPair start(
      PostgresBinaries binaries, String primaryName, String standbyName, Path parent) {
    Path dir;
    try {
      dir =
          parent == null
              ? Files.createTempDirectory("continuity-lab-")
              : Files.createTempDirectory(
                  Files.createDirectories(parent.toAbsolutePath()), "continuity-lab-");
    } catch (IOException e) {
      throw new LabException("could not create the lab directory in " + parent, e);
    }
    PostgresPair pair = new PostgresPair(binaries, dir, primaryName, standbyName);
    try {
      pair.runner.giveToServerUser(dir);
      pair.build();
      return pair;
    } catch (RuntimeException e) {
      pair.close();
      throw e;
    }
  }

  private void build() {
    runner.check(
        PostgresNode.COMMAND_TIMEOUT,
        binaries.tool("initdb"),
        "-D",
        first.dataDir().toString(),
        "-U",
        PostgresNode.SUPERUSER,
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C");
    LabServerSettings.append(first.dataDir().resolve("postgresql.conf"), labDir);
    first.writeNodeSettings(null, 0);
    first.start();
    first.sql("select pg_create_physical_replication_slot('" + second.slotName() + "', true)");
    runner.check(
        PostgresNode.COMMAND_TIMEOUT,
        binaries.tool("pg_basebackup"),
        "-h",
        PostgresNode.HOST,
        "-p",
        Integer.toString(first.port()),
        "-U",
        PostgresNode.SUPERUSER,
        "-D",
        second.dataDir().toString(),
        "-R",
        "-S",
        second.slotName(),
        "-X",
        "stream",
        "-c",
        "fast",
        "--no-sync");
    second.writeNodeSettings(first, first.port());
    second.start();
    awaitStreaming(second, READY_TIMEOUT);
  }

  public PostgresNode node(String name) {
    if (first.name().equals(name)) {
      return first;
    }
    if (second.name().equals(name)) {
      return second;
    }
    throw new IllegalArgumentException("no node " + name + " in " + this);
  }

  /** Both nodes, in creation order (the first was the initial primary). */
  public List<PostgresNode> nodes() {
    return List.of(first, second);
  }

  /** The other node of the pair. */
  public PostgresNode peerOf(PostgresNode node) {
    return node == first ? second : first;
  }

  /** The running node that is not in recovery; fails when there is not exactly one. */
  public PostgresNode primary() {
    List<PostgresNode> primaries =
        nodes().stream().filter(n -> n.isRunning() && !n.isInRecovery()).toList();
    if (primaries.size() != 1) {
      throw new LabException("expected exactly one primary, found " + primaries);
    }
    return primaries.get(0);
  }

  /** The node that is not the primary. */
  public PostgresNode standby() {
    return peerOf(primary());
  }

  /** Pauses WAL replay on the standby (WAL keeps arriving, nothing is applied). */
  public void pauseReplay() {
    standby().sql("select pg_wal_replay_pause()");
  }

  public void resumeReplay() {
    standby().sql("select pg_wal_replay_resume()");
  }

  /**
   * Cuts the standby off: its primary_conninfo points at a port nobody listens on, so its WAL
   * receiver fails and the primary has no walsender for it. The standby stays up and readable.
   */
  public void breakReplication() {
    PostgresNode standby = standby();
    standby.writeNodeSettings(peerOf(standby), freePort());
    standby.reload();
  }

  /** Points the standby back at its primary and waits until it streams again. */
  public void restoreReplication() {
    PostgresNode standby = standby();
    standby.writeNodeSettings(peerOf(standby), peerOf(standby).port());
    standby.reload();
    awaitStreaming(standby, READY_TIMEOUT);
  }

  public void stop(PostgresNode node, StopMode mode) {
    node.stop(mode);
  }

  public void start(PostgresNode node) {
    node.start();
  }

  /** Promotes a standby ({@code pg_promote}, waiting until it accepts writes). */
  public void promote(PostgresNode node) {
    String done = node.sql("select pg_promote(true, 60)");
    if (!"t".equals(done)) {
      throw new LabException(node.name() + ": pg_promote did not finish within 60 s");
    }
  }

  /**
   * Makes {@code node} a standby of the other node: stop, pg_rewind (a no-op when the histories
   * have not diverged), standby.signal + primary_conninfo + recovery_target_timeline=latest, start;
   * returns once it streams.
   */
  public void rejoin(PostgresNode node) {
    CommandResult result = hostActions.run(node, peerOf(node), HostAction.REJOIN);
    if (!result.succeeded()) {
      throw new LabException(node.name() + ": rejoin failed: " + result.output().strip());
    }
    awaitStreaming(node, READY_TIMEOUT);
  }

  /** The same as {@link #rejoin}: the rejoin always rewinds when the histories diverged. */
  public void rewind(PostgresNode node) {
    rejoin(node);
  }

  /** Waits until the standby's WAL receiver streams. */
  public void awaitStreaming(PostgresNode standby, Duration timeout) {
    standby.await(
        "streaming replication",
        timeout,
        () ->
            standby.isRunning()
                && "streaming".equals(standby.sql("select status from pg_stat_wal_receiver")));
  }

  /** The host-action scripts of this pair, for connector settings. */
  public HostActionScripts hostActions() {
    return hostActions;
  }

  /** The host-action commands of {@code node} as connector site settings. */
  public java.util.Map<String, String> hostActionSettings(PostgresNode node) {
    return hostActions.siteSettings(node, peerOf(node));
  }

  public Path directory() {
    return labDir;
  }

  /** Stops both servers (and any drill clone) and deletes the lab directory. Safe to call twice. */
  @Override
  public void close() {
    tearDown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (or ran) the same tear-down
    }
  }

  private synchronized void tearDown() {
    if (closed) {
      return;
    }
    closed = true;
    for (PostgresNode node : nodes()) {
      try {
        if (Files.exists(node.dataDir().resolve("postmaster.pid"))) {
          node.stop(StopMode.IMMEDIATE);
        }
      } catch (RuntimeException e) {
        System.err.println("continuity-lab: could not stop " + node + ": " + e.getMessage());
      }
      Path clone = hostActions.cloneDir(node);
      if (Files.exists(clone.resolve("postmaster.pid"))) {
        runner.run(
            PostgresNode.COMMAND_TIMEOUT,
            List.of(
                binaries.tool("pg_ctl"), "-D", clone.toString(), "-m", "immediate", "-w", "stop"));
      }
    }
    deleteRecursively(labDir);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("continuity-lab: could not delete " + dir + ": " + e.getMessage());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabException("no free loopback port", e);
    }
  }

  @Override
  public String toString() {
    return "PostgresPair[" + first + ", " + second + " in " + labDir + "]";
  }
}
