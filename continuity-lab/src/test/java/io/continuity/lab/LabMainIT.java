package io.continuity.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.continuity.lab.junit.EnabledIfPostgresBinaries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start-pair writes an inventory for a running pair and tears everything down when stdin ends. */
@EnabledIfPostgresBinaries
class LabMainIT {

  @Test
  void startPairWritesTheInventoryAndTearsDownWhenStdinCloses(@TempDir Path dir) throws Exception {
    Path inventory = dir.resolve("lab.yaml");
    PipedOutputStream stdinWriter = new PipedOutputStream();
    InputStream stdin = new PipedInputStream(stdinWriter);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                LabMain.run(
                    new String[] {"start-pair", "--inventory-out", inventory.toString()},
                    stdin,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(inventory) && System.nanoTime() < deadline && !exit.isDone()) {
      Thread.sleep(100);
    }
    String yaml = Files.readString(inventory);
    assertThat(yaml)
        .contains("id: demo-postgres", "platform: postgresql", "sites: { primary: east, dr: west }")
        .contains("action.stop:", "action.clone:", "action.discard-clone:")
        .contains("heartbeat: { table: continuity_heartbeat");
    int eastPort = port(yaml, "east");
    assertThat(open(eastPort)).isTrue();

    stdinWriter.close();

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(open(eastPort)).as("the primary is stopped").isFalse();
    assertThat(Files.exists(inventory)).as("the inventory is removed").isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("lab pair ready");
  }

  private static int port(String yaml, String site) {
    Matcher m =
        Pattern.compile(site + ":\\n\\s+host: \"[^\"]+\"\\n\\s+port: \"(\\d+)\"").matcher(yaml);
    assertThat(m.find()).as("port of %s in%n%s", site, yaml).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static boolean open(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
