package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the audit trail, newest page; {@code audit verify}: the hash chain. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit trail, optionally of one execution or resource.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand extends ApiCommand {

  @Option(names = "--execution", paramLabel = "ID", description = "Only this execution's events.")
  String execution;

  @Option(names = "--resource", paramLabel = "ID", description = "Only this resource's events.")
  String resource;

  @Option(names = "--size", defaultValue = "50", description = "How many (1 to the server's max).")
  int size;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, json or yaml.")
  OutputFormat output;

  @Override
  public Integer call() {
    StringBuilder query = new StringBuilder("/api/v1/audit?size=").append(size);
    if (execution != null) {
      query.append("&executionId=").append(encode(execution));
    }
    if (resource != null) {
      query.append("&resourceId=").append(encode(resource));
    }
    JsonNode page = client().get(query.toString());
    if (output != OutputFormat.table) {
      println(OutputFormat.render(output, page));
      return 0;
    }
    for (JsonNode event : page.path("items")) {
      println(
          String.format(
              "%6d  %s  %-26s %-10s %s%s",
              event.path("seq").asLong(),
              event.path("occurredAt").asText(),
              event.path("type").asText(),
              event.path("actor").asText(),
              Fields.text(event.path("executionId"), ""),
              event.path("resourceId").isTextual() ? " " + event.path("resourceId").asText() : ""));
    }
    return 0;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Re-compute the hash chain; with --anchor, check it still holds that event.",
      footer = {"", "Exit codes: 0 intact (and anchor held), 1 broken or anchor not held."})
  static final class Verify extends ApiCommand {

    @Option(names = "--anchor", paramLabel = "SEQ:HASH", description = "An anchor kept outside.")
    String anchor;

    @Override
    public Integer call() {
      String path = "/api/v1/audit/verify";
      if (anchor != null) {
        int colon = anchor.indexOf(':');
        if (colon <= 0 || colon == anchor.length() - 1) {
          throw new CliException("--anchor must be SEQ:HASH, for example 1234:9f86d08...");
        }
        String seq = anchor.substring(0, colon);
        if (!seq.chars().allMatch(Character::isDigit)) {
          throw new CliException("--anchor: '" + seq + "' is not a sequence number");
        }
        path += "?anchorSeq=" + seq + "&anchorHash=" + encode(anchor.substring(colon + 1));
      }
      JsonNode result = client().get(path);
      boolean valid = result.path("valid").asBoolean();
      JsonNode held = result.path("anchorHeld");
      StringBuilder line =
          new StringBuilder(valid ? "audit trail intact" : "audit trail BROKEN")
              .append(" (")
              .append(result.path("checked").asLong())
              .append(" events checked)");
      if (!valid) {
        Fields.printIfPresent(s -> line.append(": ").append(s), "", result.path("problem"));
      }
      if (held.isBoolean()) {
        line.append(held.asBoolean() ? "; anchor held" : "; anchor NOT held: rewritten or cut");
      }
      println(line.toString());
      return valid && (!held.isBoolean() || held.asBoolean()) ? 0 : 1;
    }
  }
}
