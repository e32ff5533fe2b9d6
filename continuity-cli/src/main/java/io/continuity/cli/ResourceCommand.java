package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resource show ID}: the definition, status with its reasons and evidence. */
@Command(
    name = "resource",
    mixinStandardHelpOptions = true,
    description = "One resource.",
    subcommands = {ResourceCommand.Show.class})
final class ResourceCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Definition, status, reasons with their evidence.")
  static final class Show extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The resource id.")
    String id;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml.")
    OutputFormat output;

    @Override
    public Integer call() {
      JsonNode definition = client().get("/api/v1/resources/" + encode(id));
      JsonNode status = client().get("/api/v1/resources/" + encode(id) + "/status");
      if (output != OutputFormat.table) {
        ObjectNode both = ApiClient.JSON.createObjectNode();
        both.set("resource", definition);
        both.set("status", status);
        println(OutputFormat.render(output, both));
        return 0;
      }
      Style style = terminal().style();
      println(style.bold("resource " + id) + "  " + style.status(status.path("status").asText()));
      println("  platform   " + definition.path("platform").asText("?"));
      println("  tier       T" + status.path("tier").asInt());
      println("  lag / RPO  " + StatusTable.lag(status));
      println(
          "  evidence   "
              + (status.path("evidenceAgeSeconds").isNumber()
                  ? Durations.human(status.path("evidenceAgeSeconds").asLong()) + " old"
                  : "none yet"));
      println("  visibility " + status.path("visibility").asText("?"));
      Fields.printIfPresent(this::println, "  primary    ", definition.path("currentPrimarySite"));
      Fields.printIfPresent(this::println, "  owner      ", definition.path("owner"));
      println("  reasons:");
      if (status.path("reasons").isEmpty()) {
        println("    -");
      }
      for (JsonNode reason : status.path("reasons")) {
        println(
            "    "
                + reason.path("severity").asText()
                + " "
                + reason.path("code").asText()
                + ": "
                + reason.path("message").asText()
                + " [evidence: "
                + reason.path("evidence").asText("?")
                + "]");
      }
      return 0;
    }
  }
}
