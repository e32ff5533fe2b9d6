package io.continuity.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

  @TempDir Path root;

  @Test
  void newestCompleteDebianVersionIsChosen() throws IOException {
    fakeBin(root.resolve("9.6/bin"), true);
    fakeBin(root.resolve("15/bin"), true);
    fakeBin(root.resolve("16/bin"), false);

    assertThat(PostgresBinaries.locate(null, root))
        .as("16 lacks tools, so 15 is the newest complete one")
        .contains(new PostgresBinaries(root.resolve("15/bin")));
  }

  @Test
  void pgBinWinsOverDebianDirectories() throws IOException {
    fakeBin(root.resolve("15/bin"), true);
    Path custom = fakeBin(root.resolve("custom"), true);

    assertThat(PostgresBinaries.locate(custom.toString(), root))
        .contains(new PostgresBinaries(custom));
  }

  @Test
  void incompletePgBinFindsNothingRatherThanFallingBack() throws IOException {
    fakeBin(root.resolve("15/bin"), true);
    Path partial = fakeBin(root.resolve("partial"), false);

    assertThat(PostgresBinaries.locate(partial.toString(), root)).isEmpty();
  }

  @Test
  void missingDebianRootFindsNothing() {
    assertThat(PostgresBinaries.locate(null, root.resolve("absent"))).isEmpty();
  }

  private static Path fakeBin(Path dir, boolean complete) throws IOException {
    Files.createDirectories(dir);
    var tools =
        complete ? PostgresBinaries.REQUIRED_TOOLS : PostgresBinaries.REQUIRED_TOOLS.subList(0, 2);
    for (String tool : tools) {
      Path file = dir.resolve(tool);
      Files.writeString(file, "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }
}
