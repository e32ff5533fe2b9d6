package io.continuity.connector.postgresql;

import io.continuity.lab.HostAction;
import io.continuity.lab.PostgresNode;
import io.continuity.lab.PostgresPair;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The truth a test compares loss evidence with: where a stopped node's WAL really ends. */
final class FinalPositions {

  private FinalPositions() {}

  /** Runs the lab's final-position script (pg_waldump on the node's last segment). */
  static Lsn read(PostgresPair pair, PostgresNode node, PostgresNode peer) throws Exception {
    String command = pair.hostActions().command(node, peer, HostAction.FINAL_POSITION);
    Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("final-position of " + node.name() + " failed: " + output);
    }
    return output
        .lines()
        .filter(l -> l.startsWith("final-lsn:"))
        .map(l -> Lsn.parse(l.substring("final-lsn:".length()).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no final-lsn in: " + output));
  }
}
