package io.continuity.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A command line for the lab, used by {@code ./continuity demo}:
 *
 * <pre>
 * java -cp continuity-lab.jar io.continuity.lab.LabMain check
 * java -cp continuity-lab.jar io.continuity.lab.LabMain start-pair --inventory-out FILE
 *     [--dir PARENT] [--resource-id demo-postgres] [--tier 1] [--watch-pid PID]
 * java -cp 'continuity-lab.jar:lab-lib/*' io.continuity.lab.LabMain start-fakes --inventory-out FILE
 *     [--dir PARENT] [--watch-pid PID]
 * </pre>
 *
 * <p>{@code start-pair} starts a primary ({@code east}) and a standby ({@code west}), creates the
 * heartbeat table, writes an inventory fragment for them to {@code FILE} (atomically, once the pair
 * streams) and stays in the foreground: until standard input closes, or with {@code --watch-pid}
 * until that process exits; SIGTERM and Ctrl-C work in both modes. On the way out it stops both
 * servers, deletes the lab directory and the inventory file.
 *
 * <p>{@code start-fakes} starts the MongoDB, SQL Server and Snowflake fakes ({@link DemoFakes}) on
 * free loopback ports with a low write load, writes their inventory fragment ({@link
 * FakesInventory}) to {@code FILE} once they answer, and stays in the foreground the same way; on
 * the way out it stops them and deletes their directory (credentials included) and the file. It
 * needs no server binaries.
 *
 * <p>Exit codes: 0 done, 2 bad arguments, 3 no PostgreSQL server binaries (the message says what to
 * install), 1 the pair could not be started.
 */
public final class LabMain {

  static final int BAD_ARGUMENTS = 2;
  static final int NO_BINARIES = 3;

  private LabMain() {}

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage(out);
      return args.length == 0 ? BAD_ARGUMENTS : 0;
    }
    Optional<PostgresBinaries> binaries = PostgresBinaries.locate();
    switch (args[0]) {
      case "check":
        if (binaries.isEmpty()) {
          err.println(PostgresBinaries.INSTALL_HINT);
          return NO_BINARIES;
        }
        out.println("PostgreSQL binaries: " + binaries.get().binDir());
        return 0;
      case "start-pair":
        Options options;
        try {
          options = Options.parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
          err.println("start-pair: " + e.getMessage());
          usage(err);
          return BAD_ARGUMENTS;
        }
        if (binaries.isEmpty()) {
          err.println(PostgresBinaries.INSTALL_HINT);
          return NO_BINARIES;
        }
        return startPair(binaries.get(), options, stdin, out, err);
      case "start-fakes":
        try {
          options = Options.parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
          err.println("start-fakes: " + e.getMessage());
          usage(err);
          return BAD_ARGUMENTS;
        }
        return startFakes(options, stdin, out, err);
      default:
        err.println("unknown command: " + args[0]);
        usage(err);
        return BAD_ARGUMENTS;
    }
  }

  private static int startPair(
      PostgresBinaries binaries,
      Options options,
      InputStream stdin,
      PrintStream out,
      PrintStream err) {
    PostgresPair pair;
    try {
      pair = PostgresPair.start(binaries, "east", "west", options.parentDir());
    } catch (LabException e) {
      err.println("could not start the lab pair: " + e.getMessage());
      return 1;
    }
    Thread cleanup = new Thread(() -> tearDown(pair, options.inventoryOut()), "lab-main-teardown");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      LabInventory.createHeartbeatTable(pair);
      for (PostgresNode node : pair.nodes()) {
        out.printf(
            "%s %s:%d %s (data %s)%n",
            node.name(),
            node.host(),
            node.port(),
            node.isInRecovery() ? "standby" : "primary",
            node.dataDir());
      }
      out.println("lab pair ready; inventory: " + options.inventoryOut().toAbsolutePath());
      out.flush();
      // written last: whoever waits for the file finds the pair up and this output complete
      new LabInventory(options.resourceId(), options.tier(), LabInventory.HEARTBEAT_TABLE)
          .write(pair, options.inventoryOut());
      waitForTheEnd(options, stdin);
      out.println("stopping the lab pair");
      return 0;
    } catch (RuntimeException e) {
      err.println("lab pair failed: " + e.getMessage());
      return 1;
    } finally {
      tearDown(pair, options.inventoryOut());
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs the same tear-down
      }
    }
  }

  private static int startFakes(
      Options options, InputStream stdin, PrintStream out, PrintStream err) {
    DemoFakes fakes;
    try {
      fakes = DemoFakes.start(options.parentDir());
    } catch (LabException e) {
      err.println("could not start the platform fakes: " + e.getMessage());
      return 1;
    }
    Path inventory = options.inventoryOut();
    Thread cleanup = new Thread(() -> tearDown(fakes, inventory), "lab-fakes-teardown");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      out.println(
          "MongoDB replica set rs0: "
              + fakes.mongo().members().stream()
                  .map(m -> m.name() + " 127.0.0.1:" + m.port())
                  .toList());
      out.println(
          "SQL Server AG "
              + DemoFakes.SQL_GROUP
              + ": east-1 127.0.0.1:"
              + fakes.sqlServerPort("east-1")
              + ", east-2 127.0.0.1:"
              + fakes.sqlServerPort("east-2")
              + ", west-1 127.0.0.1:"
              + fakes.sqlServerPort("west-1"));
      out.println(
          "Snowflake accounts: "
              + fakes.snowflake().accounts.values().stream()
                  .map(a -> a.identifier() + " http://127.0.0.1:" + a.port())
                  .toList());
      out.println("platform fakes ready; inventory: " + inventory.toAbsolutePath());
      out.flush();
      FakesInventory.write(fakes, inventory);
      waitForTheEnd(options, stdin);
      out.println("stopping the platform fakes");
      return 0;
    } catch (RuntimeException e) {
      err.println("platform fakes failed: " + e.getMessage());
      return 1;
    } finally {
      tearDown(fakes, inventory);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs the same tear-down
      }
    }
  }

  /** Until stdin closes, or (with --watch-pid) until that process exits; signals end the JVM. */
  private static void waitForTheEnd(Options options, InputStream stdin) {
    if (options.watchPid().isPresent()) {
      CountDownLatch gone = new CountDownLatch(1);
      Optional<ProcessHandle> watched = ProcessHandle.of(options.watchPid().get());
      if (watched.isEmpty()) {
        return;
      }
      watched.get().onExit().thenRun(gone::countDown);
      try {
        gone.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      byte[] buffer = new byte[256];
      while (stdin.read(buffer) >= 0) {
        // input is ignored; only its end matters
      }
    } catch (IOException e) {
      // a broken stdin ends the wait like a closed one
    }
  }

  private static void tearDown(AutoCloseable topology, Path inventory) {
    try {
      topology.close();
    } catch (Exception e) {
      System.err.println("could not stop everything: " + e.getMessage());
    }
    try {
      Files.deleteIfExists(inventory);
    } catch (IOException e) {
      System.err.println("could not delete " + inventory + ": " + e.getMessage());
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        String.join(
            "\n",
            "Usage: LabMain check",
            "       LabMain start-pair --inventory-out FILE [--dir PARENT] [--resource-id ID]"
                + " [--tier 1|2] [--watch-pid PID]",
            "       LabMain start-fakes --inventory-out FILE [--dir PARENT] [--watch-pid PID]",
            "  check       exit 0 when PostgreSQL server binaries are installed, 3 when not",
            "  start-pair  start a primary (east) + standby (west), write an inventory fragment",
            "              for them to FILE, run until stdin closes (or PID exits), then tear down",
            "  start-fakes start the MongoDB, SQL Server and Snowflake fakes, write their inventory",
            "              fragment to FILE, run until stdin closes (or PID exits), then tear down"));
  }

  /** The options of {@code start-pair}. */
  record Options(
      Path inventoryOut, Path parentDir, String resourceId, int tier, Optional<Long> watchPid) {

    static Options parse(List<String> args) {
      Path inventory = null;
      Path parent = null;
      String resourceId = "demo-postgres";
      int tier = 1;
      Optional<Long> watch = Optional.empty();
      List<String> rest = new ArrayList<>(args);
      while (!rest.isEmpty()) {
        String flag = rest.remove(0);
        if (rest.isEmpty()) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = rest.remove(0);
        switch (flag) {
          case "--inventory-out" -> inventory = Path.of(value);
          case "--dir" -> parent = Path.of(value);
          case "--resource-id" -> resourceId = value;
          case "--tier" -> tier = number(flag, value);
          case "--watch-pid" -> watch = Optional.of((long) number(flag, value));
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      if (inventory == null) {
        throw new IllegalArgumentException("--inventory-out FILE is required");
      }
      if (tier != 1 && tier != 2) {
        throw new IllegalArgumentException("--tier must be 1 or 2");
      }
      if (!resourceId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException(
            "--resource-id must be lower-case letters, digits and '-'");
      }
      return new Options(inventory, parent, resourceId, tier, watch);
    }

    private static int number(String flag, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
      }
    }
  }
}
