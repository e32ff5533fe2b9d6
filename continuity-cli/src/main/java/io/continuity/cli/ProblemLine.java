package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an error answer (RFC 9457 problem+json, or anything else) into one clear line. */
final class ProblemLine {

  private ProblemLine() {}

  static CliException toException(int status, String body, String path) {
    return new CliException(describe(status, body, path));
  }

  static String describe(int status, String body, String path) {
    String detail = null;
    String title = null;
    StringBuilder extra = new StringBuilder();
    try {
      JsonNode problem = ApiClient.JSON.readTree(body == null ? "" : body);
      if (problem != null && problem.isObject()) {
        detail = text(problem, "detail");
        title = text(problem, "title");
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && errors.size() > 1) {
          for (JsonNode e : errors) {
            extra.append("\n  ").append(InventoryErrorsFormat.line(e).replace('\n', ' '));
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not JSON: fall through to the status line
    }
    String line;
    if (status == 401) {
      line =
          "not signed in or the token is not valid (401): set CONTINUITY_TOKEN or run"
              + " ./continuity login";
    } else if (detail != null && !detail.isBlank()) {
      line = detail.strip() + " (" + status + (title == null ? "" : " " + title) + ")";
    } else if (status == 403) {
      line = "forbidden (403): your roles do not allow " + path;
    } else if (status == 404) {
      line = "not found (404): " + path;
    } else {
      line = "the server answered " + status + " for " + path;
    }
    return line.replace('\n', ' ') + extra;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
