package io.continuity.connector.support;

import io.continuity.connector.api.ConnectorException;
import io.continuity.connector.api.PayloadSanitizer;
import java.io.File;
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
 * Runs a host-action command (an operator's {@code action.<name>} setting) with {@code /bin/sh -c}
 * on the Continuity host, under the contract every connector documents the same way:
 *
 * <ul>
 *   <li>a minimal environment: {@code PATH}, {@code HOME}, {@code LANG}, {@code LC_ALL}, {@code TZ}
 *       and the {@code CONTINUITY_*} variables naming the resource, action, execution, site and
 *       peer ({@code CONTINUITY_SITE}, {@code _SITE_HOST}, {@code _SITE_PORT}, {@code
 *       CONTINUITY_PEER_SITE}, {@code _PEER_HOST}, {@code _PEER_PORT}) — never a credential;
 *   <li>standard input from {@code /dev/null}, the step's timeout, then the process tree is killed
 *       and the outcome is unknown (a retriable {@link ConnectorException});
 *   <li>exit code 0 for success; output (stdout and stderr) captured, at most 64 KiB, sanitized.
 * </ul>
 */
public final class HostActionRunner {

  public static final int MAX_OUTPUT = 64 * 1024;

  private final String resourceId;
  private final PayloadSanitizer sanitizer;

  public HostActionRunner(String resourceId, PayloadSanitizer sanitizer) {
    this.resourceId = resourceId;
    this.sanitizer = sanitizer;
  }

  /** How a host action ended. */
  public record Outcome(int exitCode, String output) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code command} as action {@code action} of {@code site}.
   *
   * @throws ConnectorException retriable when the command did not finish in time or the wait was
   *     interrupted (its outcome is unknown); not retriable when it cannot be started
   */
  public Outcome run(
      String action,
      String command,
      HostActionEndpoint site,
      HostActionEndpoint peer,
      String executionId,
      Duration timeout)
      throws ConnectorException {
    Path out = null;
    try {
      out = Files.createTempFile("continuity-action-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(List.of("/bin/sh", "-c", command))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      environment(builder.environment(), action, site, peer, executionId);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw ConnectorException.retriable(
            "host action '"
                + action
                + "' of site "
                + site.site()
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
              + site.site()
              + " could not be started: "
              + e.getClass().getSimpleName(),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.retriable(
          "interrupted while host action '" + action + "' ran; its outcome is unknown", null);
    } finally {
      deleteQuietly(out);
    }
  }

  private void environment(
      Map<String, String> env,
      String action,
      HostActionEndpoint site,
      HostActionEndpoint peer,
      String executionId) {
    env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ"));
    env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    env.put("CONTINUITY_RESOURCE", resourceId);
    env.put("CONTINUITY_ACTION", action);
    env.put("CONTINUITY_EXECUTION_ID", executionId);
    env.put("CONTINUITY_SITE", site.site());
    env.put("CONTINUITY_SITE_HOST", site.host());
    env.put("CONTINUITY_SITE_PORT", Integer.toString(site.port()));
    env.put("CONTINUITY_PEER_SITE", peer.site());
    env.put("CONTINUITY_PEER_HOST", peer.host());
    env.put("CONTINUITY_PEER_PORT", Integer.toString(peer.port()));
  }

  private static String read(Path out) throws IOException {
    try (InputStream in = Files.newInputStream(out)) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return in.read() >= 0 ? text + "\n[output truncated]" : text;
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a file left behind in the temp directory is removed by the OS
      }
    }
  }
}
