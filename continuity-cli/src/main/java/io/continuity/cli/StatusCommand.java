package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: one line per resource and group; the exit code says the worst status (0 GREEN, 1
 * YELLOW, 2 RED, 3 the server could not be read) for monitoring scripts.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Every resource's and group's status, one line each.",
    footer = {
      "",
      "Exit codes: 0 all GREEN, 1 any YELLOW, 2 any RED, 3 the server could not be read."
    })
final class StatusCommand extends ApiCommand {

  @Option(names = "--watch", description = "Redraw every --interval until interrupted.")
  boolean watch;

  @Option(
      names = "--interval",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Seconds between redraws with --watch (default ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--tier", paramLabel = "N", description = "Only this tier.")
  Integer tier;

  @Option(names = "--platform", paramLabel = "P", description = "Only resources of this platform.")
  String platform;

  @Option(names = "--group", paramLabel = "G", description = "Only this group and its members.")
  String group;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    if (interval < 1) {
      throw new CliException("--interval must be 1 second or more");
    }
    while (true) {
      int code;
      try {
        code = printOnce();
      } catch (CliException e) {
        if (!watch) {
          throw new CliException(e.getMessage(), CliException.UNREACHABLE);
        }
        println("error: " + e.getMessage());
        code = CliException.UNREACHABLE;
      }
      if (!watch) {
        return code;
      }
      try {
        Thread.sleep(Duration.ofSeconds(interval).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return code;
      }
    }
  }

  private int printOnce() {
    JsonNode overview = client().get("/api/v1/status");
    ObjectNode filtered = StatusFilter.apply(overview, tier, platform, group);
    if (watch && terminal().interactive()) {
      terminal().out().print("\u001b[H\u001b[2J");
    }
    if (output == OutputFormat.table) {
      if (watch) {
        println(client().server() + "  " + Instant.now().toString().substring(0, 19) + "Z");
      }
      StatusTable.print(filtered, terminal());
    } else {
      println(OutputFormat.render(output, filtered));
    }
    return exitCode(filtered);
  }

  static int exitCode(JsonNode overview) {
    int worst = 0;
    for (String list : new String[] {"resources", "groups"}) {
      for (JsonNode item : overview.path(list)) {
        worst = Math.max(worst, severity(item.path("status").asText("")));
      }
    }
    return worst;
  }

  private static int severity(String status) {
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "GREEN" -> 0;
      case "YELLOW" -> 1;
      default -> 2;
    };
  }

  /** The overview reduced to the resources and groups the filters select. */
  static final class StatusFilter {

    private StatusFilter() {}

    static ObjectNode apply(JsonNode overview, Integer tier, String platform, String group) {
      ObjectNode result = ApiClient.JSON.createObjectNode();
      ArrayNode resources = result.putArray("resources");
      ArrayNode groups = result.putArray("groups");
      JsonNode chosenGroup = null;
      if (group != null) {
        for (JsonNode g : overview.path("groups")) {
          if (g.path("id").asText().equals(group)) {
            chosenGroup = g;
          }
        }
        if (chosenGroup == null) {
          throw new CliException("no group '" + group + "' on this server");
        }
      }
      for (JsonNode r : overview.path("resources")) {
        if (tier != null && r.path("tier").asInt() != tier) {
          continue;
        }
        if (platform != null && !r.path("platform").asText().equalsIgnoreCase(platform)) {
          continue;
        }
        if (chosenGroup != null && !contains(chosenGroup.path("members"), r.path("id").asText())) {
          continue;
        }
        resources.add(r);
      }
      for (JsonNode g : overview.path("groups")) {
        if (tier != null && g.path("tier").asInt() != tier) {
          continue;
        }
        if (platform != null) {
          continue;
        }
        if (group != null && !g.path("id").asText().equals(group)) {
          continue;
        }
        groups.add(g);
      }
      return result;
    }

    private static boolean contains(JsonNode array, String id) {
      for (JsonNode member : array) {
        if (member.asText().equals(id)) {
          return true;
        }
      }
      return false;
    }
  }
}
