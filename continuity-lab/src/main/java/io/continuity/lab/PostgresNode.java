package io.continuity.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One PostgreSQL server of a lab topology: its data directory, its loopback port and the commands
 * that start, stop and query it. Its role (primary or standby) is whatever the server says ({@link
 * #isInRecovery()}); the lab never assumes it.
 */
public final class PostgresNode {

  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  public static final String HOST = "127.0.0.1";
  public static final String SUPERUSER = "postgres";

  private final String name;
  private final int port;
  private final Path dataDir;
  private final Path logFile;
  private final PostgresBinaries binaries;
  private final ProcessRunner runner;

  PostgresNode(
      String name, int port, Path labDir, PostgresBinaries binaries, ProcessRunner runner) {
    this.name = name;
    this.port = port;
    this.dataDir = labDir.resolve(name);
    this.logFile = labDir.resolve(name + ".log");
    this.binaries = binaries;
    this.runner = runner;
  }

  public String name() {
    return name;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The server log, for a failing test to print. */
  public Path logFile() {
    return logFile;
  }

  /** A JDBC URL for this node's {@code postgres} database (trust authentication, loopback). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
  }

  /** Starts the server and waits until it accepts connections. Does nothing when it runs. */
  public void start() {
    if (isRunning()) {
      return;
    }
    runner.check(
        COMMAND_TIMEOUT,
        binaries.tool("pg_ctl"),
        "-D",
        dataDir.toString(),
        "-l",
        logFile.toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  /** Stops the server; does nothing when it is already stopped. */
  public void stop(StopMode mode) {
    if (!isRunning()) {
      return;
    }
    runner.check(
        COMMAND_TIMEOUT,
        binaries.tool("pg_ctl"),
        "-D",
        dataDir.toString(),
        "-m",
        mode.pgCtlName(),
        "-w",
        "-t",
        "60",
        "stop");
  }

  public boolean isRunning() {
    return runner
        .run(COMMAND_TIMEOUT, List.of(binaries.tool("pg_ctl"), "-D", dataDir.toString(), "status"))
        .succeeded();
  }

  /** Asks the server to re-read its configuration files. */
  public void reload() {
    runner.check(COMMAND_TIMEOUT, binaries.tool("pg_ctl"), "-D", dataDir.toString(), "reload");
  }

  /**
   * Runs SQL through {@code psql} as the superuser and returns the unaligned, tuples-only output
   * (one row a line, columns separated by {@code |}), trimmed.
   */
  public String sql(String statement) {
    return runner
        .check(
            COMMAND_TIMEOUT,
            binaries.tool("psql"),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            HOST,
            "-p",
            Integer.toString(port),
            "-U",
            SUPERUSER,
            "-d",
            "postgres",
            "-c",
            statement)
        .strip();
  }

  public boolean isInRecovery() {
    return "t".equals(sql("select pg_is_in_recovery()"));
  }

  /**
   * Waits until {@code sql} answers {@code expected} (an error, such as a table that has not
   * replicated yet, counts as not yet), polling every 50 ms.
   *
   * @throws LabException after {@code timeout}, with the last answer or error
   */
  public void awaitAnswer(String sql, String expected, Duration timeout) {
    await(sql + " = " + expected, timeout, () -> expected.equals(sql(sql)));
  }

  /**
   * Waits until {@code condition} holds (polling every 50 ms) or fails after {@code timeout}; a
   * {@link LabException} from the condition counts as "not yet".
   */
  void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    String lastError = "";
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (LabException e) {
        lastError = " (last error: " + e.getMessage().strip() + ")";
      }
      if (Instant.now().isAfter(deadline)) {
        throw new LabException(
            name
                + ": "
                + what
                + " did not happen within "
                + timeout
                + lastError
                + "; see "
                + logFile);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** The control file as {@code pg_controldata} prints it. */
  public String controlData() {
    return runner.check(COMMAND_TIMEOUT, binaries.tool("pg_controldata"), dataDir.toString());
  }

  /**
   * Writes this node's own settings ({@code postgresql.auto.conf}, read last): its port and, for a
   * standby, where it streams from. Every other setting lives in {@code postgresql.conf}, which
   * {@code pg_basebackup} and {@code pg_rewind} copy from the other node unchanged.
   */
  void writeNodeSettings(PostgresNode upstream, int upstreamPort) {
    StringBuilder conf = new StringBuilder("# written by continuity-lab\n");
    conf.append("port = ").append(port).append('\n');
    if (upstream != null) {
      conf.append("primary_conninfo = 'host=")
          .append(HOST)
          .append(" port=")
          .append(upstreamPort)
          .append(" user=")
          .append(SUPERUSER)
          .append(" application_name=")
          .append(name)
          .append("'\n");
      conf.append("primary_slot_name = '").append(slotName()).append("'\n");
      conf.append("recovery_target_timeline = 'latest'\n");
    }
    runner.writeServerFile(dataDir.resolve("postgresql.auto.conf"), conf.toString());
  }

  /** The physical replication slot this node uses on its upstream when it is a standby. */
  public String slotName() {
    return "continuity_" + name;
  }

  boolean hasFile(String name) {
    return Files.exists(dataDir.resolve(name));
  }

  @Override
  public String toString() {
    return "PostgresNode[" + name + " @" + HOST + ":" + port + "]";
  }
}
