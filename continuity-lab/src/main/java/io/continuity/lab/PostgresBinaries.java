package io.continuity.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup, pg_rewind, psql...) of this
 * machine are: the directory named by {@code PG_BIN}, else the newest {@code
 * /usr/lib/postgresql/<version>/bin} (Debian and Ubuntu packages).
 */
public record PostgresBinaries(Path binDir) {

  /** What to do when no binaries are found. */
  public static final String INSTALL_HINT =
      "PostgreSQL server binaries not found: install them (apt-get install postgresql) or set"
          + " PG_BIN to the directory holding initdb, pg_ctl, pg_basebackup, pg_rewind and psql";

  static final List<String> REQUIRED_TOOLS =
      List.of(
          "initdb", "pg_ctl", "pg_basebackup", "pg_rewind", "pg_controldata", "psql", "postgres");

  public PostgresBinaries {
    Objects.requireNonNull(binDir, "binDir");
  }

  /** The binaries of this machine, if every tool the lab needs is there. */
  public static Optional<PostgresBinaries> locate() {
    return locate(System.getenv("PG_BIN"), Path.of("/usr/lib/postgresql"));
  }

  static Optional<PostgresBinaries> locate(String pgBin, Path debianRoot) {
    if (pgBin != null && !pgBin.isBlank()) {
      return complete(Path.of(pgBin));
    }
    if (!Files.isDirectory(debianRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debianRoot)) {
      return versions
          .filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .sorted(Comparator.comparingDouble(PostgresBinaries::versionOf).reversed())
          .map(p -> p.resolve("bin"))
          .map(PostgresBinaries::complete)
          .flatMap(Optional::stream)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static double versionOf(Path versionDir) {
    return Double.parseDouble(versionDir.getFileName().toString());
  }

  private static Optional<PostgresBinaries> complete(Path dir) {
    boolean all = REQUIRED_TOOLS.stream().allMatch(t -> Files.isExecutable(dir.resolve(t)));
    return all ? Optional.of(new PostgresBinaries(dir)) : Optional.empty();
  }

  /** The path of one tool, for example {@code pg_ctl}. */
  public String tool(String name) {
    return binDir.resolve(name).toString();
  }
}
