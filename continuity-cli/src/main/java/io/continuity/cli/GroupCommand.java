package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code group show ID}: the group's status and its members' lines. */
@Command(
    name = "group",
    mixinStandardHelpOptions = true,
    description = "One group.",
    subcommands = {GroupCommand.Show.class})
final class GroupCommand extends ShowCommand.Noun {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The group's status, reasons and members.")
  static final class Show extends ShowCommand {

    @Override
    Map<String, JsonNode> read(String encodedId) {
      Map<String, JsonNode> reads = new LinkedHashMap<>();
      reads.put("group", client().get("/api/v1/groups/" + encodedId));
      reads.put(
          "status",
          StatusCommand.StatusFilter.apply(client().get("/api/v1/status"), null, null, id));
      return reads;
    }

    @Override
    void printTable(Map<String, JsonNode> reads) {
      StatusTable.print(reads.get("status"), terminal());
    }
  }
}
