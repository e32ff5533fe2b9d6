package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code resource show ID}: the definition, status with its reasons and evidence. */
@Command(
    name = "resource",
    mixinStandardHelpOptions = true,
    description = "One resource.",
    subcommands = {ResourceCommand.Show.class})
final class ResourceCommand extends ShowCommand.Noun {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Definition, status, reasons with their evidence.")
  static final class Show extends ShowCommand {

    @Override
    Map<String, JsonNode> read(String encodedId) {
      Map<String, JsonNode> reads = new LinkedHashMap<>();
      reads.put("resource", client().get("/api/v1/resources/" + encodedId));
      reads.put("status", client().get("/api/v1/resources/" + encodedId + "/status"));
      return reads;
    }

    @Override
    void printTable(Map<String, JsonNode> reads) {
      JsonNode definition = reads.get("resource");
      JsonNode status = reads.get("status");
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
    }
  }
}
