package io.continuity.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the jar ({@code continuity-cli.properties}). */
public final class CliVersion implements IVersionProvider {

  /** The version of this build, or {@code unknown} when run from unpackaged classes. */
  public static String current() {
    try (InputStream in = CliVersion.class.getResourceAsStream("/continuity-cli.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"continuity " + current()};
  }
}
