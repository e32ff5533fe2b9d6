package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plan ID}: steps, prechecks, evidence and the data-loss warning. As on the console, reading
 * the plan of an APPROVED request as the person who will confirm makes it READY_TO_START.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show the plan: steps, prechecks, evidence, data-loss warning.")
final class PlanCommand extends ApiCommand {

  @Parameters(paramLabel = "ID", description = "The execution request id.")
  String id;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml.")
  OutputFormat output;

  @Override
  public Integer call() {
    JsonNode plan = client().get("/api/v1/executions/" + encode(id) + "/plan");
    if (output != OutputFormat.table) {
      println(OutputFormat.render(output, plan));
    } else {
      PlanPrinter.print(plan, this::println, terminal().style());
    }
    return 0;
  }
}
