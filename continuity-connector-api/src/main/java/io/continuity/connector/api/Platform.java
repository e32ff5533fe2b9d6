package io.continuity.connector.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A database platform a connector speaks for. Open for more: a new connector brings its own
 * platform name, the well-known ones are constants here.
 */
public record Platform(String name) {

  private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

  public static final Platform POSTGRESQL = new Platform("POSTGRESQL");
  public static final Platform MONGODB = new Platform("MONGODB");
  public static final Platform SQLSERVER = new Platform("SQLSERVER");
  public static final Platform SNOWFLAKE = new Platform("SNOWFLAKE");
  public static final Platform SIMULATED = new Platform("SIMULATED");

  public Platform {
    Objects.requireNonNull(name, "platform name");
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "platform name '"
              + name
              + "' must be upper case letters, digits and '_' (for example POSTGRESQL)");
    }
  }

  /** Parses a platform name case-insensitively ({@code postgresql} is {@link #POSTGRESQL}). */
  public static Platform of(String name) {
    Objects.requireNonNull(name, "platform name");
    return new Platform(name.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name;
  }
}
