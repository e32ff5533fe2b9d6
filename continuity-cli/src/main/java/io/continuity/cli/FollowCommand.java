package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code follow ID}: the run live from the server-sent events, one line per event (a step's line
 * carries its duration), then the outcome and the evidence conclusion. Exit 0 only on SUCCEEDED.
 */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = "Follow a run live; exit 0 when it SUCCEEDED, 1 otherwise.")
final class FollowCommand extends ApiCommand {

  @Parameters(paramLabel = "ID", description = "The execution request id.")
  String id;

  private final Map<String, Instant> started = new HashMap<>();

  @Override
  public Integer call() {
    String base = "/api/v1/executions/" + encode(id);
    client().events(base + "/events", event -> println(line(event)));
    JsonNode execution = client().get(base);
    String state = execution.path("state").asText();
    if (!isEnded(state)) {
      throw new CliException(
          "the event stream ended while " + id + " is " + state + "; run follow again",
          CliException.UNREACHABLE);
    }
    println("outcome: " + ExecutionLine.of(execution));
    try {
      JsonNode evidence = client().get(base + "/evidence");
      Fields.printIfPresent(this::println, "evidence: ", evidence.path("conclusion"));
    } catch (CliException e) {
      println("evidence: not available (" + e.getMessage() + ")");
    }
    return "SUCCEEDED".equals(state) ? 0 : 1;
  }

  private static boolean isEnded(String state) {
    return switch (state) {
      case "SUCCEEDED", "FAILED", "CANCELLED", "REJECTED", "EXPIRED" -> true;
      default -> false;
    };
  }

  String line(ServerSentEvent event) {
    JsonNode data;
    try {
      data = ApiClient.JSON.readTree(event.data());
    } catch (IOException e) {
      return event.name() + " " + event.data();
    }
    Instant at = parse(data.path("at").asText(null));
    JsonNode details = data.path("details");
    String step = firstText(details, "stepName", "step", "name", "stepId");
    String key =
        data.path("resourceId").asText("") + "/" + firstText(details, "stepId", "step", "name");
    StringBuilder line = new StringBuilder();
    line.append(at == null ? "--:--:--" : at.toString().substring(11, 19)).append("  ");
    line.append(String.format("%-20s", event.name()));
    Fields.printIfPresent(s -> line.append(' ').append(s), "", data.path("resourceId"));
    if (!step.isEmpty()) {
      line.append(' ').append(step);
    }
    if (event.name().equals("STEP_STARTED") && at != null) {
      started.put(key, at);
    } else if ((event.name().equals("STEP_COMPLETED") || event.name().equals("STEP_FAILED"))
        && at != null
        && started.containsKey(key)) {
      line.append(" (").append(seconds(Duration.between(started.remove(key), at))).append(')');
    }
    String outcome = firstText(details, "outcome", "output");
    if (!outcome.isEmpty() && !event.name().equals("STEP_STARTED")) {
      line.append(": ").append(outcome.replace('\n', ' '));
    }
    String reason = Fields.text(data.path("reason"), "");
    if (!reason.isBlank() && !reason.equals(outcome)) {
      line.append(" — ").append(reason.replace('\n', ' '));
    }
    return line.toString();
  }

  private static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }

  private static String firstText(JsonNode details, String... names) {
    for (String name : names) {
      JsonNode value = details.path(name);
      if (value.isValueNode() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return "";
  }

  private static Instant parse(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
