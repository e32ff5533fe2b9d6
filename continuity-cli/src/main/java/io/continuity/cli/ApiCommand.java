package io.continuity.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the server: the client, the terminal and the exit code. */
abstract class ApiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  protected ContinuityCli root() {
    return (ContinuityCli) spec.root().userObject();
  }

  protected ApiClient client() {
    return root().client();
  }

  protected Terminal terminal() {
    return root().terminal();
  }

  protected void println(String line) {
    terminal().out().println(line);
    terminal().out().flush();
  }

  static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
