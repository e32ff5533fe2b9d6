package io.continuity.server.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Continuity server as a separate operating-system process, started from the test's own class
 * path ({@code java -cp … ContinuityApplication}) on a free port, so a test can do to it what
 * happens to a real server: {@link #kill()} sends SIGKILL ({@code kill -9}: no shut-down hook, no
 * clean-up), {@link #stop(Duration)} sends SIGTERM (a clean stop, as systemd's), {@link
 * #suspend()}/{@link #resume()} freeze and thaw it (SIGSTOP/SIGCONT) the way a long GC pause or a
 * hung VM would. Its output goes to a log file the test can read.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration START_PATIENCE = Duration.ofSeconds(120);

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a server with these Spring properties (passed as {@code --key=value}) and waits until it
   * answers {@code /actuator/health}; fails with the tail of its log when it dies or hangs.
   */
  public static ServerProcess start(String name, Path workDir, Map<String, String> properties) {
    return start(name, workDir, properties, List.of());
  }

  /**
   * {@link #start(String, Path, Map)} with extra JVM options (e.g. {@code
   * -Dspring.aot.enabled=true}).
   */
  public static ServerProcess start(
      String name, Path workDir, Map<String, String> properties, List<String> jvmOptions) {
    try {
      int port = freePort();
      Path log = workDir.resolve(name + ".log");
      ServerProcess server =
          new ServerProcess(
              name, launch(name, workDir, port, properties, jvmOptions, log), port, log);
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start server process " + name, e);
    }
  }

  /**
   * How a server that was expected to stop by itself ended: its exit code and everything it
   * printed.
   */
  public record Ended(int exitCode, String log) {}

  /**
   * Starts a server that should refuse to start (a start check fails) and waits for it to exit;
   * fails if it is still running after {@code patience}.
   */
  public static Ended runUntilExit(
      String name,
      Path workDir,
      Map<String, String> properties,
      List<String> jvmOptions,
      Duration patience) {
    try {
      Path log = workDir.resolve(name + ".log");
      Process process = launch(name, workDir, freePort(), properties, jvmOptions, log);
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("server process " + name + " was still running after " + patience);
      }
      return new Ended(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run server process " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  private static Process launch(
      String name,
      Path workDir,
      int port,
      Map<String, String> properties,
      List<String> jvmOptions,
      Path log)
      throws IOException {
    Path argFile = workDir.resolve(name + ".args");
    List<String> args = new ArrayList<>();
    args.add("-cp");
    args.add(quote(classPath()));
    args.add("-Xmx384m");
    args.add("-XX:TieredStopAtLevel=1");
    args.add("-Djava.io.tmpdir=" + quote(workDir.toString()));
    jvmOptions.forEach(option -> args.add(quote(option)));
    args.add("io.continuity.server.ContinuityApplication");
    args.add("--server.port=" + port);
    properties.forEach((key, value) -> args.add(quote("--" + key + "=" + value)));
    Files.write(argFile, args);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "@" + argFile)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the server printed so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}: the JVM ends at once, nothing runs on its way out. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        fail("server process " + name + " (pid " + pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  /**
   * SIGTERM, as {@code systemctl stop} sends: the server shuts down cleanly (its shut-down hooks
   * run). Waits for the process to end; fails if it is still running after {@code patience}.
   *
   * @return the exit code
   */
  public int stop(Duration patience) {
    signal("-TERM");
    try {
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        fail(this + " was still running " + patience + " after SIGTERM:\n" + tail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  /** SIGSTOP: every thread of the server freezes (its lease stops being renewed). */
  public void suspend() {
    signal("-STOP");
  }

  /** SIGCONT: the frozen server goes on where it stopped, unaware of the time it lost. */
  public void resume() {
    signal("-CONT");
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      resume();
      kill();
    }
  }

  @Override
  public String toString() {
    return "server " + name + " (pid " + pid() + ", port " + port + ")";
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(this + " exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    fail(this + " did not become healthy within " + START_PATIENCE + ":\n" + tail());
  }

  private String tail() {
    String text = log();
    return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        fail("kill " + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The class path of this test JVM (Surefire/Failsafe hide it behind a manifest-only jar). */
  private static String classPath() {
    String path = System.getProperty("surefire.test.class.path");
    if (path == null || path.isBlank()) {
      path = System.getProperty("java.class.path");
    }
    return path.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }

  private static String quote(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
