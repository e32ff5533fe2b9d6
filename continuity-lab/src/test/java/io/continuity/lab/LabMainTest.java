package io.continuity.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabMainTest {

  @Test
  void startPairOptionsHaveDemoDefaults() {
    LabMain.Options options = LabMain.Options.parse(List.of("--inventory-out", "out.yaml"));

    assertThat(options.inventoryOut()).isEqualTo(Path.of("out.yaml"));
    assertThat(options.resourceId()).isEqualTo("demo-postgres");
    assertThat(options.tier()).isEqualTo(1);
    assertThat(options.parentDir()).isNull();
    assertThat(options.watchPid()).isEmpty();
  }

  @Test
  void badOptionsSayWhatToFix() {
    assertThatThrownBy(() -> LabMain.Options.parse(List.of()))
        .hasMessageContaining("--inventory-out FILE is required");
    assertThatThrownBy(() -> LabMain.Options.parse(List.of("--inventory-out", "x", "--tier", "3")))
        .hasMessageContaining("--tier must be 1 or 2");
    assertThatThrownBy(() -> LabMain.Options.parse(List.of("--inventory-out")))
        .hasMessageContaining("--inventory-out needs a value");
    assertThatThrownBy(
            () -> LabMain.Options.parse(List.of("--inventory-out", "x", "--resource-id", "Bad_Id")))
        .hasMessageContaining("--resource-id");
  }

  @Test
  void unknownCommandIsABadArgumentWithUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        LabMain.run(
            new String[] {"explode"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(LabMain.BAD_ARGUMENTS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command: explode", "Usage");
  }
}
