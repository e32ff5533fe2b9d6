package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** One error of the server's {@code errors} list as {@code file:line: field: message}. */
final class InventoryErrorsFormat {

  private InventoryErrorsFormat() {}

  static String line(JsonNode error) {
    StringBuilder line = new StringBuilder();
    String file = error.path("file").asText("");
    if (!file.isEmpty()) {
      line.append(file);
      int number = error.path("line").asInt(0);
      if (number > 0) {
        line.append(':').append(number);
      }
      line.append(": ");
    }
    String field = error.path("field").asText("");
    if (!field.isEmpty()) {
      line.append(field).append(": ");
    }
    return line.append(error.path("message").asText("")).toString();
  }
}
