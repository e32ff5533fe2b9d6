package io.continuity.connector.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Resolves {@code env:} references from an environment map and {@code file:} ones from disk. */
public final class EnvironmentSecretResolver implements SecretResolver {

  private final Map<String, String> environment;

  public EnvironmentSecretResolver(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** Resolves against the process environment. */
  public static EnvironmentSecretResolver system() {
    return new EnvironmentSecretResolver(System.getenv());
  }

  @Override
  public String resolve(SecretRef ref) throws SecretUnavailableException {
    if (ref.source() == SecretRef.Source.ENV) {
      String value = environment.get(ref.name());
      if (value == null) {
        throw new SecretUnavailableException(ref, "environment variable is not set");
      }
      return value;
    }
    try {
      String content = Files.readString(Path.of(ref.name()), StandardCharsets.UTF_8);
      return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException | SecurityException e) {
      throw new SecretUnavailableException(
          ref, "file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
