package io.continuity.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged command line as a person does: in a pseudo-terminal, through {@code script}
 * from util-linux, so that it sees a TTY (colour, prompts) exactly as in a real shell.
 */
final class PseudoTerminal {

  static final Path CLI_JAR = Path.of("target/continuity-cli.jar");

  private PseudoTerminal() {}

  /** The output as the terminal showed it (the typed input echoed), and the exit code. */
  record Session(int exitCode, String screen) {}

  static Session run(Map<String, String> env, String typed, String... args) throws Exception {
    return start(env, typed, true, args);
  }

  /** The same command with stdout a pipe, as in a script. */
  static Session piped(Map<String, String> env, String... args) throws Exception {
    return start(env, "", false, args);
  }

  private static Session start(Map<String, String> env, String typed, boolean tty, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(CLI_JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        tty
            ? new ProcessBuilder("script", "-qec", shellLine(command), "/dev/null")
            : new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.environment().remove("NO_COLOR");
    builder.environment().put("TERM", "xterm-256color");
    builder.environment().putAll(env);
    Process process = builder.start();
    OutputStream stdin = process.getOutputStream();
    stdin.write(typed.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the command did not end: " + command);
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the process has ended
    }
    return new Session(
        process.exitValue(), new String(output, StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  private static String shellLine(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      line.append('\'').append(word.replace("'", "'\\''")).append("' ");
    }
    return line.toString().strip();
  }
}
