package io.continuity.connector.postgresql;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a site's host-action command ({@code action.<name>}) with {@code /bin/sh -c} on the
 * Continuity host, under the contract in the module README: a minimal environment (PATH, HOME, LANG
 * and {@code CONTINUITY_*} variables naming the resource, site, peer and execution; never a
 * credential), the step's timeout, exit code 0 for success, and output captured (64 KiB at most)
 * and sanitized.
 */
final class HostActions {

  static final int MAX_OUTPUT = 64 * 1024;

  private final PostgresSettings settings;
  private final PayloadSanitizer sanitizer;

  HostActions(PostgresSettings settings, PayloadSanitizer sanitizer) {
    this.settings = settings;
    this.sanitizer = sanitizer;
  }

  /** How a host action ended. */
  record Outcome(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code action} for {@code site}, with {@code peer} as the other site.
   *
   * @throws ConnectorException retriable when the command did not finish in time (its outcome is
   *     unknown); not retriable when it is not configured or cannot be started
   */
  Outcome run(
      String action, SiteSettings site, SiteSettings peer, String executionId, Duration timeout)
      throws ConnectorException {
    String command =
        site.action(action)
            .orElseThrow(
                () ->
                    ConnectorException.permanent(
                        "site " + site.name() + " has no host action 'action." + action + "'"));
    Path out = null;
    try {
      out = Files.createTempFile("continuity-action-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(List.of("/bin/sh", "-c", command))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ"));
      env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
      env.put("CONTINUITY_RESOURCE", settings.resourceId());
      env.put("CONTINUITY_ACTION", action);
      env.put("CONTINUITY_EXECUTION_ID", executionId);
      env.put("CONTINUITY_SITE", site.name());
      env.put("CONTINUITY_SITE_HOST", site.host());
      env.put("CONTINUITY_SITE_PORT", Integer.toString(site.port()));
      env.put("CONTINUITY_PEER_SITE", peer.name());
      env.put("CONTINUITY_PEER_HOST", peer.host());
      env.put("CONTINUITY_PEER_PORT", Integer.toString(peer.port()));
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw ConnectorException.retriable(
            "host action '"
                + action
                + "' of site "
                + site.name()
                + " did not finish within "
                + timeout
                + "; it was killed and its outcome is unknown: check the site by hand");
      }
      return new Outcome(process.exitValue(), sanitizer.sanitizeText(read(out)));
    } catch (IOException e) {
      throw ConnectorException.permanent(
          "host action '"
              + action
              + "' of site "
              + site.name()
              + " could not be started: "
              + e.getClass().getSimpleName(),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable(
          "interrupted while host action '" + action + "' ran; its outcome is unknown", null);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a file left behind in the temp directory is removed by the OS
        }
      }
    }
  }

  private static String read(Path out) throws IOException {
    try (InputStream in = Files.newInputStream(out)) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return in.read() >= 0 ? text + "\n[output truncated]" : text;
    }
  }
}
