package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evidence ID}: the evidence report for the change record, as text, JSON or HTML. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "The evidence report of a run (text, json or html), to stdout or --out FILE.")
final class EvidenceCommand extends ApiCommand {

  enum Format {
    text,
    json,
    html
  }

  @Parameters(paramLabel = "ID", description = "The execution request id.")
  String id;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text, json or html (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to this file.")
  Path out;

  @Override
  public Integer call() {
    String base = "/api/v1/executions/" + encode(id) + "/evidence";
    String content =
        switch (format) {
          case html -> client().getText(base + ".html", "text/html");
          case json -> OutputFormat.render(OutputFormat.json, client().get(base));
          case text -> text(client().get(base));
        };
    if (out == null) {
      println(content);
    } else {
      try {
        Files.writeString(out, content);
      } catch (IOException e) {
        throw new CliException("cannot write " + out + ": " + e.getMessage());
      }
      println("wrote " + out);
    }
    return 0;
  }

  static String text(JsonNode report) {
    StringBuilder text = new StringBuilder();
    text.append("evidence of ")
        .append(report.path("executionId").asText())
        .append(": ")
        .append(report.path("type").asText())
        .append(' ')
        .append(report.path("scope").asText())
        .append(" -> ")
        .append(report.path("targetSite").asText())
        .append("  ")
        .append(report.path("state").asText())
        .append('\n');
    text.append("conclusion: ").append(report.path("conclusion").asText()).append('\n');
    for (JsonNode line : report.path("conclusions")) {
      text.append("  ").append(line.asText()).append('\n');
    }
    text.append("steps:\n");
    for (JsonNode step : report.path("steps")) {
      text.append("  ")
          .append(step.path("resourceId").asText())
          .append(' ')
          .append(step.path("name").asText())
          .append(": ")
          .append(step.path("outcome").asText())
          .append('\n');
    }
    JsonNode anchor = report.path("auditAnchor");
    if (anchor.isObject()) {
      text.append("audit anchor: ")
          .append(anchor.path("seq").asLong())
          .append(':')
          .append(anchor.path("hash").asText())
          .append('\n');
    }
    text.append("generated at ").append(report.path("generatedAt").asText());
    return text.toString();
  }
}
