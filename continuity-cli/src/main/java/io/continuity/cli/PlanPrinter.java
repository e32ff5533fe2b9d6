package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/** The plan as a person reads it before confirming: steps, prechecks, evidence, data loss. */
final class PlanPrinter {

  private PlanPrinter() {}

  static void print(JsonNode plan, Consumer<String> out, Style style) {
    out.accept(
        style.bold(
            "plan of "
                + plan.path("executionId").asText()
                + ": "
                + plan.path("type").asText()
                + " to "
                + Fields.text(plan.path("targetSite"), "?")
                + "  ("
                + plan.path("state").asText()
                + ")"));
    JsonNode body = plan.path("plan");
    if (body.isObject()) {
      for (JsonNode member : body.path("members")) {
        out.accept(
            "  "
                + member.path("resourceId").asText()
                + " (wave "
                + member.path("wave").asInt()
                + ", to "
                + member.path("targetSite").asText()
                + ")");
        int n = 1;
        for (JsonNode step : member.path("steps")) {
          out.accept(
              String.format(
                  "    %2d. %-28s %s, timeout %s%s",
                  n++,
                  step.path("name").asText(),
                  step.path("kind").asText(),
                  Durations.human(step.path("timeoutSeconds").asLong()),
                  step.path("idempotent").asBoolean() ? "" : ", NOT idempotent"));
        }
      }
    }
    Fields.printIfPresent(out, "  plan error: ", plan.path("planError"));
    out.accept(
        "prechecks: " + (plan.path("prechecksPassed").asBoolean() ? "all passed" : "FAILED"));
    for (JsonNode check : plan.path("prechecks")) {
      out.accept(
          "  "
              + (check.path("passed").asBoolean() ? "ok   " : "FAIL ")
              + check.path("resourceId").asText()
              + " "
              + check.path("id").asText()
              + ": "
              + check.path("detail").asText()
              + (check.path("overriddenBy").isTextual()
                  ? " (overridden by " + check.path("overriddenBy").asText() + ")"
                  : ""));
    }
    out.accept("evidence:");
    for (JsonNode e : plan.path("evidence")) {
      out.accept(
          "  "
              + e.path("resourceId").asText()
              + " "
              + style.status(e.path("status").asText())
              + " "
              + (e.path("ageSeconds").isNumber()
                  ? Durations.human(e.path("ageSeconds").asLong()) + " old"
                  : "no evidence")
              + (e.path("stale").asBoolean() ? " (STALE)" : "")
              + (e.path("lagSeconds").isNumber()
                  ? ", lag " + Durations.human(Math.round(e.path("lagSeconds").asDouble()))
                  : ""));
    }
    out.accept(style.bold("data loss:"));
    if (plan.path("dataLoss").isEmpty()) {
      out.accept("  -");
    }
    for (JsonNode line : plan.path("dataLoss")) {
      out.accept("  " + line.asText());
    }
    for (JsonNode line : plan.path("changedSinceApproval")) {
      out.accept("  changed since approval: " + line.asText());
    }
    Fields.printIfPresent(out, "confirmation: ", plan.path("confirmation"));
  }
}
