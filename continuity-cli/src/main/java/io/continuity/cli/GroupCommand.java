package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code group show ID}: the group's status and its members' lines. */
@Command(
    name = "group",
    mixinStandardHelpOptions = true,
    description = "One group.",
    subcommands = {GroupCommand.Show.class})
final class GroupCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The group's status, reasons and members.")
  static final class Show extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The group id.")
    String id;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
      JsonNode group = client().get("/api/v1/groups/" + encode(id));
      JsonNode overview =
          StatusCommand.StatusFilter.apply(client().get("/api/v1/status"), null, null, id);
      if (output != OutputFormat.table) {
        com.fasterxml.jackson.databind.node.ObjectNode both = ApiClient.JSON.createObjectNode();
        both.set("group", group);
        both.set("status", overview);
        println(OutputFormat.render(output, both));
        return 0;
      }
      StatusTable.print(overview, terminal());
      return 0;
    }
  }
}
