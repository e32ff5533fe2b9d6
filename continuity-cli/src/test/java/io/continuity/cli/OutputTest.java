package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of output that do not need a server. */
class OutputTest {

  @Test
  void aProblemIsOneLineWithItsStatus() {
    String line =
        ProblemLine.describe(
            409,
            "{\"type\":\"about:blank\",\"title\":\"Not allowed in the current state\","
                + "\"status\":409,\"detail\":\"cannot approve: the request is\\nAPPROVED\"}",
            "/api/v1/executions/X/approvals");

    assertThat(line)
        .isEqualTo(
            "cannot approve: the request is APPROVED (409 Not allowed in the current state)");
  }

  @Test
  void anInventoryRefusalListsEachErrorAsFileLineField() {
    String text =
        ProblemLine.describe(
            422,
            "{\"title\":\"Inventory refused\",\"detail\":\"The inventory files have 2 errors\","
                + "\"errors\":[{\"file\":\"a.yaml\",\"line\":3,\"field\":\"resources[0].tier\","
                + "\"message\":\"must be 1 to 3\"},{\"file\":\"a.yaml\",\"line\":0,\"field\":"
                + "\"resources\",\"message\":\"busy\"}]}",
            "/api/v1/inventory/reload");

    assertThat(text.lines())
        .containsExactly(
            "The inventory files have 2 errors (422 Inventory refused)",
            "  a.yaml:3: resources[0].tier: must be 1 to 3",
            "  a.yaml: resources: busy");
  }

  @Test
  void aNonJsonErrorStillReadsClearly() {
    assertThat(ProblemLine.describe(502, "<html>Bad gateway</html>", "/api/v1/status"))
        .isEqualTo("the server answered 502 for /api/v1/status");
    assertThat(ProblemLine.describe(401, "", "/api/v1/status")).contains("CONTINUITY_TOKEN");
  }

  @Test
  void serverSentEventsAreSplitOnBlankLines() throws Exception {
    List<ServerSentEvent> events = new ArrayList<>();
    ServerSentEvent.read(
        new BufferedReader(
            new StringReader(
                "id:1\nevent:STEP_STARTED\ndata:{\"a\":1}\n\nid:2\nevent:EXECUTION_SUCCEEDED\n"
                    + "data:{\"b\":\ndata:2}\n\n")),
        events::add);

    assertThat(events)
        .containsExactly(
            new ServerSentEvent("1", "STEP_STARTED", "{\"a\":1}"),
            new ServerSentEvent("2", "EXECUTION_SUCCEEDED", "{\"b\":\n2}"));
  }

  @Test
  void theExitCodeIsTheWorstStatus() throws Exception {
    var green = ApiClient.JSON.readTree("{\"resources\":[{\"status\":\"GREEN\"}],\"groups\":[]}");
    var yellow =
        ApiClient.JSON.readTree(
            "{\"resources\":[{\"status\":\"GREEN\"}],\"groups\":[{\"status\":\"YELLOW\"}]}");
    var red =
        ApiClient.JSON.readTree(
            "{\"resources\":[{\"status\":\"RED\"},{\"status\":\"YELLOW\"}],\"groups\":[]}");

    assertThat(StatusCommand.exitCode(green)).isZero();
    assertThat(StatusCommand.exitCode(yellow)).isEqualTo(1);
    assertThat(StatusCommand.exitCode(red)).isEqualTo(2);
  }

  @Test
  void colourAndSymbolOnlyWhenAsked() {
    assertThat(new Style(false).status("RED")).isEqualTo("RED   ");
    assertThat(new Style(true).status("RED")).contains("\u001b[31m").contains("✖ RED");
    assertThat(Style.detect(Map.of("NO_COLOR", "1")).colour()).isFalse();
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(Durations.human(45)).isEqualTo("45s");
    assertThat(Durations.human(190)).isEqualTo("3m10s");
    assertThat(Durations.human(3600)).isEqualTo("1h00m");
    assertThat(Durations.human(90_000)).isEqualTo("1d01h");
  }

  @Test
  void everyCommandHasHelpAndTheVersionIsPrinted() {
    for (String[] args :
        new String[][] {
          {"--help"}, {"status", "--help"}, {"confirm", "--help"}, {"inventory", "validate", "-h"}
        }) {
      CliRun run = CliRun.run(Map.of(), args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).startsWith("Usage: continuity");
    }
    assertThat(CliRun.run(Map.of(), "--version").out()).startsWith("continuity ");
  }

  @Test
  void completionScriptsCoverTheCommands() {
    CliRun bash = CliRun.run(Map.of(), "completion", "bash");
    CliRun zsh = CliRun.run(Map.of(), "completion", "zsh");

    assertThat(bash.out()).contains("complete -F").contains("confirm").contains("follow");
    assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
  }
}
