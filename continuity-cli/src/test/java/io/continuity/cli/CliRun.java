package io.continuity.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in this JVM with captured output, the given input and environment. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> env, String input, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal =
        new Terminal(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new BufferedReader(new StringReader(input)),
            interactive,
            new Style(false));
    int code = ContinuityCli.commandLine(env, terminal).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(Map<String, String> env, String... args) {
    return run(env, "", false, args);
  }
}
