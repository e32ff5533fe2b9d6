package io.continuity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The token {@code continuity login} stored: {@code $XDG_CONFIG_HOME/continuity/token} (default
 * {@code ~/.config/continuity/token}), readable by its owner only (0600), with the server it is
 * for.
 */
public final class TokenStore {

  private final Path file;

  public TokenStore(Path file) {
    this.file = file;
  }

  /** The store in the user's config directory, as the environment names it. */
  public static TokenStore forUser(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return new TokenStore(base.resolve("continuity").resolve("token"));
  }

  public Path file() {
    return file;
  }

  /** The stored token and its server, if one was stored. */
  public Optional<Stored> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String server = null;
      String token = null;
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("server=")) {
          server = line.substring("server=".length()).strip();
        } else if (line.startsWith("token=")) {
          token = line.substring("token=".length()).strip();
        }
      }
      return token == null || token.isEmpty()
          ? Optional.empty()
          : Optional.of(new Stored(server, token));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Writes the token with 0600 permissions (created so, never readable by others meanwhile). */
  public void write(String server, String token) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          "server=" + server + "\ntoken=" + token + "\n",
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** A stored token and the server it was issued by. */
  public record Stored(String server, String token) {}
}
