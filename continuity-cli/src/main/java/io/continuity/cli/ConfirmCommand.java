package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code confirm ID}: shows the plan and the loss warning, then starts the run. A person confirms:
 * for tier 1 they type the resource or group id (as on the console), and there is no way around it
 * from a script; below tier 1 they answer yes, or pass {@code --yes}.
 */
@Command(
    name = "confirm",
    mixinStandardHelpOptions = true,
    description = "Show the plan and start the run once a person confirms.",
    footer = {
      "",
      "Tier 1: type the resource or group id at the prompt; --yes is refused for tier 1."
    })
final class ConfirmCommand extends ApiCommand {

  @Parameters(paramLabel = "ID", description = "The execution request id.")
  String id;

  @Option(names = "--dry-run", description = "Run every check without acting.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask (tiers 2 and below only).")
  boolean yes;

  @Option(
      names = "--acknowledge-cooldown",
      description = "Start although the resource is within its cool-down.")
  boolean acknowledgeCooldown;

  @Override
  public Integer call() {
    String base = "/api/v1/executions/" + encode(id);
    JsonNode execution = client().get(base);
    JsonNode plan = client().get(base + "/plan");
    PlanPrinter.print(plan, this::println, terminal().style());
    if (dryRun) {
      JsonNode result = client().post(base + "/confirm?dryRun=true", Map.of());
      println("dry run: " + verdict(result));
      return result.path("plan").path("prechecksPassed").asBoolean() ? 0 : 1;
    }
    String token = Fields.text(plan.path("confirmationToken"), null);
    if (token == null) {
      throw new CliException(
          "cannot confirm: " + Fields.text(plan.path("confirmation"), "no confirmation token"));
    }
    int tier = execution.path("tier").asInt();
    String scopeId = execution.path("scope").path("id").asText();
    personConfirms(tier, scopeId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("confirmationToken", token);
    body.put("acknowledgeCooldown", acknowledgeCooldown);
    JsonNode result = client().post(base + "/confirm", body);
    println(verdict(result));
    println("follow it: ./continuity follow " + id);
    return result.path("started").asBoolean() ? 0 : 1;
  }

  private void personConfirms(int tier, String scopeId) {
    if (tier == 1) {
      if (yes) {
        throw new CliException(
            "tier 1: --yes is not accepted; a person must type '" + scopeId + "' to confirm");
      }
      if (!terminal().interactive()) {
        throw new CliException(
            "tier 1: confirming needs a person at a terminal to type '"
                + scopeId
                + "'; nothing was started");
      }
      Optional<String> typed = terminal().ask("Type '" + scopeId + "' to start this run: ");
      if (typed.isEmpty() || !typed.get().equals(scopeId)) {
        throw new CliException(
            "you typed '" + typed.orElse("") + "', not '" + scopeId + "'; nothing was started");
      }
      return;
    }
    if (yes) {
      return;
    }
    if (!terminal().interactive()) {
      throw new CliException("no terminal to ask: pass --yes to confirm (tier 2 and below)");
    }
    String answer = terminal().ask("Start this run? [y/N] ").orElse("");
    if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
      throw new CliException("not confirmed; nothing was started");
    }
  }

  private static String verdict(JsonNode result) {
    StringBuilder line =
        new StringBuilder(result.path("executionId").asText())
            .append(": ")
            .append(result.path("state").asText());
    if (result.path("started").asBoolean()) {
      line.append(", started");
    } else if (result.path("dryRun").asBoolean()) {
      line.append(
          result.path("plan").path("prechecksPassed").asBoolean()
              ? ", every check passed (nothing was started)"
              : ", checks failed (nothing was started)");
    }
    for (JsonNode change : result.path("changes")) {
      line.append("; changed: ").append(change.asText());
    }
    return line.toString();
  }
}
