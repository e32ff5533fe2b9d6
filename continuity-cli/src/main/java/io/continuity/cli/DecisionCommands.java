package io.continuity.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The decisions on a request: approve, reject, cancel, retry, break-glass. */
final class DecisionCommands {

  private DecisionCommands() {}

  /** Posts a body to {@code /api/v1/executions/ID/ACTION} and prints the request's new line. */
  abstract static class OnExecution extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The execution request id.")
    String id;

    int post(String action, Map<String, Object> body) {
      println(
          ExecutionLine.of(client().post("/api/v1/executions/" + encode(id) + "/" + action, body)));
      return 0;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a request.")
  static final class Approve extends OnExecution {
    @Option(names = "--comment", paramLabel = "TEXT", description = "Why (optional).")
    String comment;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("decision", "APPROVE");
      body.put("comment", comment);
      return post("approvals", body);
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request.")
  static final class Reject extends OnExecution {
    @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why.")
    String comment;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("decision", "REJECT");
      body.put("comment", comment);
      return post("approvals", body);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Withdraw a request before it runs.")
  static final class Cancel extends OnExecution {
    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        defaultValue = "cancelled from the command line")
    String reason;

    @Override
    public Integer call() {
      return post("cancel", Map.of("reason", reason));
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Try a FAILED request again as a new request (fresh approvals).")
  static final class Retry extends OnExecution {
    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "retried from the command line")
    String reason;

    @Override
    public Integer call() {
      return post("retry", Map.of("reason", reason));
    }
  }

  @Command(
      name = "break-glass",
      mixinStandardHelpOptions = true,
      description = "Skip the remaining approvals in an emergency (BREAK_GLASS role; audited).")
  static final class BreakGlass extends OnExecution {
    @Option(names = "--justification", required = true, paramLabel = "TEXT")
    String justification;

    @Option(
        names = "--incident",
        required = true,
        paramLabel = "REF",
        description = "e.g. INC0012345")
    String incident;

    @Override
    public Integer call() {
      return post("break-glass", Map.of("justification", justification, "incidentRef", incident));
    }
  }
}
