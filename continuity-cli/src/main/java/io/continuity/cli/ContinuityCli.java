package io.continuity.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ./continuity}: the operator's command line, a client of the server's REST API. */
@Command(
    name = "continuity",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = "Continuity: database disaster recovery from the terminal.",
    footer = {
      "",
      "Server: --server URL, else CONTINUITY_URL, else the one of `continuity login`,"
          + " else http://localhost:8080.",
      "Token: CONTINUITY_TOKEN, else the one `continuity login` stored.",
      "Exit codes: 0 done, 1 refused or failed, 2 usage error (status: 1 YELLOW, 2 RED),"
          + " 3 the server could not be read."
    },
    subcommands = {
      LoginCommand.class,
      StatusCommand.class,
      ResourceCommand.class,
      GroupCommand.class,
      RequestCommand.class,
      DecisionCommands.Approve.class,
      DecisionCommands.Reject.class,
      DecisionCommands.Cancel.class,
      DecisionCommands.Retry.class,
      DecisionCommands.BreakGlass.class,
      PlanCommand.class,
      ConfirmCommand.class,
      FollowCommand.class,
      EvidenceCommand.class,
      AuditCommand.class,
      InventoryCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ContinuityCli implements Runnable {

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The Continuity server (default: CONTINUITY_URL, the login's, localhost:8080).")
  String server;

  private final Map<String, String> env;
  private final Terminal terminal;

  public ContinuityCli(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  public Map<String, String> env() {
    return env;
  }

  public Terminal terminal() {
    return terminal;
  }

  /** The client of the server named by the options and the environment. */
  public ApiClient client() {
    return new ApiClient(Connection.resolve(server, env, TokenStore.forUser(env)));
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with one-line errors (never a stack trace). */
  public static CommandLine commandLine(Map<String, String> env, Terminal terminal) {
    CommandLine cli = new CommandLine(new ContinuityCli(env, terminal));
    cli.setOut(terminal.out());
    cli.setErr(terminal.err());
    cli.setExecutionExceptionHandler(
        (ex, command, parsed) -> {
          PrintWriter err = command.getErr();
          if (ex instanceof CliException failure) {
            err.println("error: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
          }
          err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          err.flush();
          return 1;
        });
    return cli;
  }

  public static void main(String[] args) {
    int code = commandLine(System.getenv(), Terminal.system()).execute(args);
    System.exit(code);
  }
}
