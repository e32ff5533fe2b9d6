package io.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.continuity.server.inventory.InventoryError;
import io.continuity.server.inventory.InventoryParseResult;
import io.continuity.server.inventory.InventoryParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inventory validate FILES…} (offline) and {@code inventory reload} (on the server). */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Check inventory files offline, or make the server re-read its files.",
    subcommands = {InventoryCommand.Validate.class, InventoryCommand.Reload.class})
final class InventoryCommand extends ShowCommand.Noun {

  /**
   * The server's own parser ({@code continuity-inventory}), so the errors are the ones a reload
   * would give: {@code file:line: field: what to fix}, one per line on stderr, exit 1.
   */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check inventory files as one inventory, offline; exit 1 on any error.")
  static final class Validate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILES", arity = "1..*", description = "The inventory files.")
    List<Path> files;

    @Override
    public Integer call() {
      InventoryParseResult result = new InventoryParser().parse(files);
      if (result.isValid()) {
        var document = result.orElseThrow();
        spec.commandLine()
            .getOut()
            .println(
                "ok: "
                    + document.resources().size()
                    + " resources, "
                    + document.groups().size()
                    + " groups in "
                    + files.size()
                    + (files.size() == 1 ? " file" : " files"));
        spec.commandLine().getOut().flush();
        return 0;
      }
      for (InventoryError error : result.errors()) {
        spec.commandLine().getErr().println(error);
      }
      spec.commandLine()
          .getErr()
          .println(result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  @Command(
      name = "reload",
      mixinStandardHelpOptions = true,
      description = "Make the server re-read its inventory files (ADMIN); all or nothing.")
  static final class Reload extends ApiCommand {

    @Option(
        names = "--cancel-pending",
        description = "Cancel requests that have not started instead of refusing the reload.")
    boolean cancelPending;

    @Override
    public Integer call() {
      JsonNode result =
          client()
              .post(
                  "/api/v1/inventory/reload" + (cancelPending ? "?cancelPending=true" : ""),
                  java.util.Map.of());
      println(ReloadSummary.of(result));
      return 0;
    }
  }
}
