package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code request TYPE (--resource ID | --group ID) --ticket T --reason R}: a new request. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = "Request a switchover, failover, drill or failback; prints the new request's id.")
final class RequestCommand extends ApiCommand {

  enum Type {
    switchover,
    failover,
    drill,
    failback
  }

  @Parameters(paramLabel = "TYPE", description = "switchover, failover, drill or failback.")
  Type type;

  @ArgGroup(multiplicity = "1")
  Scope scope;

  static final class Scope {
    @Option(names = "--resource", paramLabel = "ID", required = true, description = "One resource.")
    String resource;

    @Option(names = "--group", paramLabel = "ID", required = true, description = "One group.")
    String group;
  }

  @Option(
      names = "--target",
      paramLabel = "SITE",
      description = "The site to move to (default: the site that is not primary now).")
  String target;

  @Option(names = "--ticket", required = true, paramLabel = "T", description = "Change ticket.")
  String ticket;

  @Option(names = "--reason", required = true, paramLabel = "R", description = "Why.")
  String reason;

  @Option(
      names = "--not-before",
      paramLabel = "INSTANT",
      description =
          "Start of the maintenance window (ISO-8601 with offset, e.g. 2026-12-10T02:00:00Z):"
              + " the plan and the start only inside it. Needs --not-after.")
  String notBefore;

  @Option(
      names = "--not-after",
      paramLabel = "INSTANT",
      description = "End of the maintenance window; approvals expire with it. Needs --not-before.")
  String notAfter;

  @Option(names = "--quiet", description = "Print only the new request's id (for scripts).")
  boolean quiet;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.name().toUpperCase(Locale.ROOT));
    body.put("resourceId", scope.resource);
    body.put("groupId", scope.group);
    body.put("targetSite", target);
    body.put("changeTicket", ticket);
    body.put("reason", reason);
    if (notBefore != null || notAfter != null) {
      Map<String, Object> window = new LinkedHashMap<>();
      window.put("notBefore", notBefore);
      window.put("notAfter", notAfter);
      body.put("window", window);
    }
    JsonNode created = client().post("/api/v1/executions", body);
    println(quiet ? created.path("id").asText() : ExecutionLine.of(created));
    return 0;
  }
}
