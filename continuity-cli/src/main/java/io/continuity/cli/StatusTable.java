package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The status as a person reads it: one line per resource, then per group: kind, id, status, tier,
 * lag against the RPO, evidence age, and the top reason (or the last known status while visibility
 * is lost).
 */
final class StatusTable {

  private StatusTable() {}

  static void print(JsonNode overview, Terminal terminal) {
    Style style = terminal.style();
    int width = 10;
    for (String list : new String[] {"resources", "groups"}) {
      for (JsonNode item : overview.path(list)) {
        width = Math.max(width, item.path("id").asText().length());
      }
    }
    String header =
        String.format(
            "%-8s %-" + width + "s %-" + (style.colour() ? 8 : 6) + "s %-4s %-18s %-9s %s",
            "KIND",
            "ID",
            "STATUS",
            "TIER",
            "LAG/RPO",
            "EVIDENCE",
            "REASON");
    terminal.out().println(style.bold(header));
    for (JsonNode r : overview.path("resources")) {
      terminal.out().println(line("resource", r, width, style, lag(r)));
    }
    for (JsonNode g : overview.path("groups")) {
      terminal.out().println(line("group", g, width, style, g.path("members").size() + " members"));
    }
    if (overview.path("resources").isEmpty() && overview.path("groups").isEmpty()) {
      terminal.out().println("(nothing matches)");
    }
    terminal.out().flush();
  }

  private static String line(String kind, JsonNode item, int width, Style style, String lag) {
    return String.format(
        "%-8s %-" + width + "s %s %-4s %-18s %-9s %s",
        kind,
        item.path("id").asText(),
        style.status(item.path("status").asText()),
        "T" + item.path("tier").asInt(),
        lag,
        age(item.path("evidenceAgeSeconds")),
        reason(item));
  }

  static String lag(JsonNode r) {
    String rpo = Durations.human(r.path("rpoTargetSeconds").asLong());
    JsonNode lag = r.path("lagSeconds");
    if (lag.isMissingNode() || lag.isNull()) {
      JsonNode bytes = r.path("lagBytes");
      return (bytes.isNumber() ? bytes.asLong() + "B" : "?") + " / " + rpo;
    }
    return Durations.human(Math.round(lag.asDouble())) + " / " + rpo;
  }

  private static String age(JsonNode seconds) {
    return seconds.isNumber() ? Durations.human(seconds.asLong()) + " ago" : "never";
  }

  static String reason(JsonNode item) {
    StringBuilder text = new StringBuilder();
    if ("LOST".equals(item.path("visibility").asText())) {
      text.append("visibility LOST");
      JsonNode last = item.path("lastKnownStatus");
      if (!last.isMissingNode() && !last.isNull()) {
        text.append(", last known ")
            .append(last.asText())
            .append(' ')
            .append(age(item.path("lastKnownAgeSeconds")));
      }
      text.append("; ");
    }
    JsonNode reasons = item.path("reasons");
    if (reasons.size() > 0) {
      JsonNode top = reasons.get(0);
      text.append(top.path("code").asText()).append(": ").append(top.path("message").asText());
      if (reasons.size() > 1) {
        text.append(" (+").append(reasons.size() - 1).append(" more)");
      }
    }
    JsonNode doubt = item.path("lastExecutionInDoubt");
    if (doubt.isObject()) {
      text.append(text.length() > 0 ? "; " : "").append("last execution IN DOUBT");
    }
    return text.length() == 0 ? "-" : text.toString();
  }
}
