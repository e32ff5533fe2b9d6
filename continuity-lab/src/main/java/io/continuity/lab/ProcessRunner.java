package io.continuity.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server binaries. PostgreSQL refuses to run as root, so when this JVM is root every
 * command runs as the {@code postgres} user ({@code runuser -u postgres --}) and the files the lab
 * writes are given to that user.
 *
 * <p>Output goes to a file, not a pipe: {@code pg_ctl start} leaves a postmaster behind that would
 * otherwise hold the pipe open.
 */
final class ProcessRunner {

  static final String SERVER_USER = "postgres";

  private final Path workDir;
  private final boolean root;

  ProcessRunner(Path workDir) {
    this.workDir = workDir;
    this.root = isRoot();
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  boolean runsAsRoot() {
    return root;
  }

  /** Runs a command as the server user and fails with its output when it exits non-zero. */
  String check(Duration timeout, String... command) {
    CommandResult result = run(timeout, List.of(command));
    if (!result.succeeded()) {
      throw new LabException(
          String.join(" ", command)
              + " exited with "
              + result.exitCode()
              + ": "
              + result.output().strip());
    }
    return result.output();
  }

  /** Runs a command as the server user. */
  CommandResult run(Duration timeout, List<String> command) {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
    }
    full.addAll(command);
    return runAsIs(timeout, full);
  }

  /** Runs a command as this process's user (for host-action scripts, which switch themselves). */
  CommandResult runAsIs(Duration timeout, List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("continuity-lab-cmd-", ".out");
      Path directory = Files.isDirectory(workDir) ? workDir : Path.of("/");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new LabException(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LabException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a leftover output file in the lab directory is removed with it
        }
      }
    }
  }

  /** Writes a file the server user owns. */
  void writeServerFile(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
      giveToServerUser(file);
    } catch (IOException e) {
      throw new LabException("could not write " + file, e);
    }
  }

  /** Makes the server user own a file or directory when running as root. */
  void giveToServerUser(Path path) {
    if (!root) {
      return;
    }
    try {
      UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal user = lookup.lookupPrincipalByName(SERVER_USER);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVER_USER);
      PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
      view.setOwner(user);
      view.setGroup(group);
    } catch (IOException e) {
      throw new LabException(
          "could not give " + path + " to user " + SERVER_USER + ": does the user exist?", e);
    }
  }
}
