package io.continuity.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The real server, started from its jar in the demo profile on the simulated platform (embedded
 * store in a temp directory, a fixed demo password), on a free port; stopped with {@link #close()}.
 */
final class DemoServer implements AutoCloseable {

  static final String PASSWORD = "cli-it-demo-password";
  static final Path DEMO_INVENTORY = Path.of("../examples/demo-inventory.yaml");
  static final Path JAR = Path.of("../continuity-server/target/continuity-server.jar");

  private final Process process;
  private final int port;
  private final Path log;

  private DemoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static DemoServer start(Path dir) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath()
              + " is missing: these tests run the real server; build it in the same run"
              + " (./mvnw -pl continuity-server,continuity-cli -am verify)");
    }
    int port = freePort();
    // A copy of the demo inventory, so a test can change a resource and reload (status --watch).
    Path inventory = dir.resolve("inventory.yaml");
    Files.copy(DEMO_INVENTORY, inventory, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path log = dir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--spring.profiles.active=demo",
                "--server.port=" + port,
                "--continuity.inventory=" + inventory.toAbsolutePath())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("CONTINUITY_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("CONTINUITY_DEMO_PASSWORD", PASSWORD);
    DemoServer server = new DemoServer(builder.start(), port, log);
    server.awaitHealthy(Duration.ofMinutes(4));
    return server;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server stopped; its log:\n" + Files.readString(log));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create(url() + "/actuator/health").toURL().openConnection();
        connection.setConnectTimeout(1000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException("the server was not healthy within " + limit);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
