package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** A successful reload in one line: what changed, by kind, with the ids. */
final class ReloadSummary {

  private ReloadSummary() {}

  static String of(JsonNode reload) {
    StringBuilder line = new StringBuilder("inventory reloaded");
    JsonNode changes = reload.path("changes");
    boolean any = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> kind = it.next();
      if (kind.getValue().isArray() && !kind.getValue().isEmpty()) {
        line.append(any ? "; " : ": ").append(kind.getKey()).append(' ');
        line.append(String.join(",", ids(kind.getValue())));
        any = true;
      }
    }
    if (!any) {
      line.append(": no changes");
    }
    JsonNode cancelled = reload.path("executionsCancelled");
    if (cancelled.isArray() && !cancelled.isEmpty()) {
      line.append("; cancelled ").append(String.join(",", ids(cancelled)));
    }
    return line.toString();
  }

  private static java.util.List<String> ids(JsonNode array) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }
}
