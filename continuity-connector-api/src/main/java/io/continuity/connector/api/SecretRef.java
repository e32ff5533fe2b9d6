package io.continuity.connector.api;

import java.util.Objects;

/**
 * A reference to a secret, never the secret: {@code env:PG_PASSWORD} names an environment variable,
 * {@code file:/run/secrets/pg} a file whose content (trailing newline removed) is the secret.
 */
public record SecretRef(Source source, String name) {

  /** Where a secret is kept. */
  public enum Source {
    ENV,
    FILE
  }

  public SecretRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "a secret reference needs a name after '" + prefix(source) + "'");
    }
  }

  /** True when the text has the form of a reference ({@code env:...} or {@code file:...}). */
  public static boolean looksLikeReference(String text) {
    return text != null && (text.startsWith("env:") || text.startsWith("file:"));
  }

  /**
   * Parses {@code env:NAME} or {@code file:/path}.
   *
   * @throws IllegalArgumentException with what to write instead, for anything else (including a
   *     literal password, which is never echoed back)
   */
  public static SecretRef parse(String text) {
    if (text != null && text.startsWith("env:")) {
      return new SecretRef(Source.ENV, text.substring(4));
    }
    if (text != null && text.startsWith("file:")) {
      return new SecretRef(Source.FILE, text.substring(5));
    }
    throw new IllegalArgumentException(
        "a credential must be a reference such as 'env:PG_PASSWORD' or 'file:/run/secrets/pg',"
            + " never a literal value");
  }

  private static String prefix(Source source) {
    return source == Source.ENV ? "env:" : "file:";
  }

  @Override
  public String toString() {
    return prefix(source) + name;
  }
}
