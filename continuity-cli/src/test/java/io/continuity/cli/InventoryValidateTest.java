package io.continuity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory validate} runs the server's own parser offline: same errors, exit 1. */
class InventoryValidateTest {

  @TempDir Path dir;

  @Test
  void theDemoInventoryIsValid() {
    CliRun run = CliRun.run(Map.of(), "inventory", "validate", "../examples/demo-inventory.yaml");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ok: 8 resources, 2 groups in 1 file");
  }

  @Test
  void everyErrorIsOneFileLineFieldLineAndTheExitCodeIsOne() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "resources:\n  - id: orders\n    platform: nosuch\n    tier: 7\n");

    CliRun run = CliRun.run(Map.of(), "inventory", "validate", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(bad + ":3: resources[0].platform: unknown platform 'nosuch'")
        .contains(bad + ":2: resources[0].name: required field is missing")
        .contains(bad + ":4: resources[0].tier:");
    assertThat(run.err().lines().reduce((a, b) -> b).orElseThrow()).matches("\\d+ errors");
  }

  @Test
  void aMissingFileIsAnErrorNotACrash() {
    CliRun run = CliRun.run(Map.of(), "inventory", "validate", dir.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nope.yaml: ").doesNotContain("Exception");
  }

  @Test
  void filesAreOneInventory_aDuplicateIdAcrossFilesIsAnError() throws Exception {
    String demo = Files.readString(Path.of("../examples/demo-inventory.yaml"));
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    Files.writeString(a, demo);
    Files.writeString(b, demo);

    CliRun run = CliRun.run(Map.of(), "inventory", "validate", a.toString(), b.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("b.yaml:").contains("demo-orders");
  }
}
