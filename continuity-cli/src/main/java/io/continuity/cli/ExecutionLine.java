package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** An execution request in one line: id, type, scope, state, approvals. */
final class ExecutionLine {

  private ExecutionLine() {}

  static String of(JsonNode execution) {
    StringBuilder line =
        new StringBuilder()
            .append(execution.path("id").asText())
            .append("  ")
            .append(execution.path("type").asText())
            .append(' ')
            .append(
                execution.path("scope").path("kind").asText().toLowerCase(java.util.Locale.ROOT))
            .append(' ')
            .append(execution.path("scope").path("id").asText())
            .append(" -> ")
            .append(Fields.text(execution.path("targetSite"), "?"))
            .append("  T")
            .append(execution.path("tier").asInt())
            .append("  ")
            .append(execution.path("state").asText())
            .append("  approvals ")
            .append(execution.path("approvalsReceived").asInt())
            .append('/')
            .append(execution.path("approvalsRequired").asInt());
    JsonNode failure = execution.path("failure");
    if (failure.isObject()) {
      line.append("  failure: ").append(Fields.text(failure.path("reason"), failure.toString()));
    }
    return line.toString();
  }
}
