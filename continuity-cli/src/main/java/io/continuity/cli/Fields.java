package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/** Small helpers for printing optional JSON fields. */
final class Fields {

  private Fields() {}

  static void printIfPresent(Consumer<String> out, String label, JsonNode value) {
    if (value != null && !value.isMissingNode() && !value.isNull()) {
      out.accept(label + (value.isValueNode() ? value.asText() : value.toString()));
    }
  }

  static String text(JsonNode value, String otherwise) {
    return value == null || value.isMissingNode() || value.isNull() ? otherwise : value.asText();
  }
}
