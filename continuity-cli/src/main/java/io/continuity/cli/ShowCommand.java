package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shared skeleton of {@code resource show ID} and {@code group show ID}: the id, {@code -o
 * table|json|yaml}, the API reads, and json/yaml as one object with each read under its name; a
 * subclass says what to read and how the table looks.
 */
abstract class ShowCommand extends ApiCommand {

  @Parameters(paramLabel = "ID", description = "The ${PARENT-COMMAND-NAME} id.")
  String id;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml.")
  OutputFormat output;

  /** What to show, each read under its name (in order), from the server's API. */
  abstract Map<String, JsonNode> read(String encodedId);

  /** The table a person reads, from the reads. */
  abstract void printTable(Map<String, JsonNode> reads);

  @Override
  public final Integer call() {
    Map<String, JsonNode> reads = read(encode(id));
    if (output == OutputFormat.table) {
      printTable(reads);
    } else {
      ObjectNode all = ApiClient.JSON.createObjectNode();
      reads.forEach(all::set);
      println(OutputFormat.render(output, all));
    }
    return 0;
  }

  /** A noun with subcommands ({@code resource}, {@code group}, {@code inventory}): its usage. */
  abstract static class Noun implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
